import { configJsonSchema } from '../../config/schema.js';
import type { Handler } from '../lazy-action.js';

const handler: Handler = async (_input, ctx) => {
  ctx.io.printJson(configJsonSchema());
};

export default handler;
