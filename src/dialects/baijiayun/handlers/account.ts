import type { WithInput } from '../../framework/dialect.js';
import { In } from '../../framework/input.js';
import { ParamProblem } from '../../framework/params.js';
import { accountSettings, changeAccountSettings, httpUrlProblem } from '../account.js';
import type { BaijiayunContext } from '../context.js';

/** Long enough for any real callback URL, short enough to stay a URL. */
const URL_MAX = 1024;

export const SET_CALLBACK_INPUT = In.object({
  url: In.string({ max: URL_MAX, description: 'Where class start/end events are posted; must start with http:// or https://', examples: ['https://example.com/bjy/class'] }),
});

/** C1 `/openapi/live_account/setClassCallbackUrl`: one URL per account; setting it again replaces it. */
export async function setClassCallbackUrl(ctx: WithInput<BaijiayunContext, typeof SET_CALLBACK_INPUT>) {
  const url = ctx.input.url;
  const problem = httpUrlProblem(url, 'url');
  if (problem) throw new ParamProblem('url', 'malformed', problem);
  await changeAccountSettings(ctx.services, ctx.tenant.id, (a) => ({ ...a, classCallbackUrl: url }));
  return { url };
}

/** C2 `/openapi/live_account/getClassCallbackUrl`: the URL set by C1, "" when none is. */
export async function getClassCallbackUrl(ctx: BaijiayunContext) {
  return { url: accountSettings(ctx.tenant.settings).classCallbackUrl ?? '' };
}
