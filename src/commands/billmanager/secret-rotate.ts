import { tokenHandler } from '../token/action.js';

export default tokenHandler('rotate', 'billmanager');
