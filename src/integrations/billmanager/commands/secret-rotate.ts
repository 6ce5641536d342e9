import { tokenHandler } from '../../../commands/token/action.js';

export default tokenHandler('rotate', 'billmanager');
