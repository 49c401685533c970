import { ParamProblem, type Params } from '../../framework/params.js';
import { genseeTime } from '../../shared/gensee-api.js';
import type { WebcastContext } from '../context.js';
import { joinUrls, newOrganizerKey, ownedWebcast, settingsToProperties, webcastSettings, type WebcastSettings } from '../webcast-view.js';

function token(p: Params, name: string, required: boolean): string | undefined {
  const v = p.string(name, { required });
  if (v !== undefined && (v.length < 6 || v.length > 15)) throw new ParamProblem(name, 'out_of_range', `${name} must be 6 to 15 characters`);
  return v;
}

/** telconf=2 accepts inbound calls, which AAC cannot serve: aac is forced off (catalog A-27). */
function audioSettings(p: Params): Pick<WebcastSettings, 'aac' | 'telconf'> | Partial<Pick<WebcastSettings, 'aac' | 'telconf'>> {
  const telconf = p.oneOf('telconf', ['0', '1', '2'] as const);
  const aac = p.bool('aac');
  return { telconf, aac: telconf === '2' ? false : aac };
}

/** 5.4 `/webcast/created`. */
export async function createWebcast(ctx: WebcastContext) {
  const p = ctx.params;
  const subject = p.string('subject', { required: true, max: 250 });
  const startTime = genseeTime(p, 'startTime', ctx.zone, { required: true });
  const endTime = genseeTime(p, 'endTime', ctx.zone);
  if (endTime !== undefined && endTime < startTime) throw new ParamProblem('endTime', 'out_of_range', 'endTime must not be before startTime');
  const organizerToken = token(p, 'organizerToken', true)!;
  const panelistToken = token(p, 'panelistToken', true)!;
  const audio = audioSettings(p);
  const settings: WebcastSettings = {
    loginRequired: p.bool('loginRequired') ?? false,
    opened: p.bool('opened') ?? false,
    plan: p.string('plan') ?? null,
    speakerInfo: p.string('speakerInfo') ?? null,
    switchClient: p.bool('switchClient') ?? false,
    skin: 'default',
    organizerToken,
    panelistToken,
    attendeeToken: p.raw('attendeeToken')?.trim() ?? '',
    realtime: p.bool('realtime') ?? false,
    aac: audio.aac ?? false,
    telconf: audio.telconf ?? '0',
    organizerKey: newOrganizerKey(),
    warmUpId: null,
  };
  const maxAttendees = p.int('maxAttendees', { min: 0 });
  const room = await ctx.services.rooms.create({
    tenantId: ctx.tenant.id,
    product: 'webcast',
    title: subject,
    description: p.string('description') ?? null,
    ownerUserId: ctx.user.id,
    scheduledStart: startTime,
    scheduledEnd: endTime ?? null,
    maxAttendees: maxAttendees || null,
    properties: settingsToProperties(settings),
  });
  return { id: room.public_id, number: room.number, ...joinUrls(ctx, room) };
}

/** 5.8 `/webcast/setting/info`. */
export async function webcastSettingInfo(ctx: WebcastContext) {
  const webcastId = ctx.params.string('webcastId', { required: true });
  const room = await ownedWebcast(ctx, webcastId);
  const s = webcastSettings(room);
  return {
    id: room.public_id,
    number: room.number,
    subject: room.title,
    description: room.description,
    startTime: room.scheduled_start,
    endTime: room.scheduled_end,
    maxAttendees: room.max_attendees,
    loginRequired: s.loginRequired,
    opened: s.opened,
    plan: s.plan,
    speakerInfo: s.speakerInfo,
    organizerToken: s.organizerToken,
    panelistToken: s.panelistToken,
    attendeeToken: s.attendeeToken,
    switchClient: String(s.switchClient),
    warmUpId: s.warmUpId,
    ...joinUrls(ctx, room),
  };
}

