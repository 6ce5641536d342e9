import { tokenHandler } from '../token/action.js';

export default tokenHandler('generate', 'billmanager');
