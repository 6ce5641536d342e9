import { rotate } from './secret-action.js';

export default rotate;
