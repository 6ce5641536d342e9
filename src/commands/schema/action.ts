import { configJsonSchema } from '../../config/schema.js';
import type { Handler } from '../lazy-action.js';

const handler: Handler = async (_input, ctx) => {
  ctx.io.printJson(await configJsonSchema(ctx.registry));
};

export default handler;
