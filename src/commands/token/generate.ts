import { generate } from './action.js';

export default generate;
