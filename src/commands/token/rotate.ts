import { rotate } from './action.js';

export default rotate;
