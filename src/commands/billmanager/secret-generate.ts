import { generate } from './secret-action.js';

export default generate;
