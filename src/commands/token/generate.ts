import { tokenHandler } from './action.js';

export default tokenHandler('generate');
