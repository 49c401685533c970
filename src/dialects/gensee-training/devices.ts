import { joinType } from '../shared/gensee-terminal.js';

/**
 * 5.18 `device`: Gensee's terminal enum 0–11 (as Webcast's `joinType`), plus 12 telephone and
 * 21/22 mini-program on iOS/Android. 16/17 (Player SDK) and 23/24 (mini-program SDK) name SDK
 * builds Lectern's recorded platforms do not distinguish. A terminal without a value is left out.
 */
export function attendanceDevice(platform: string | null, userAgent: string | null): number | undefined {
  if (platform === 'phone') return 12;
  if (platform === 'mini') {
    const ua = userAgent ?? '';
    if (/iPhone|iPad|iPod|iOS/i.test(ua)) return 21;
    if (/Android/i.test(ua)) return 22;
    return undefined;
  }
  return joinType(platform, userAgent);
}

/**
 * 5.25 `device` (a different enum, A-24): 0 PC, 1 Mac, 8 iPhone, 32 Android phone, 237 "mobile
 * device" for mobile browsers. A viewing records its platform only, so iOS and Android count as
 * phones (4 iPad and 16 Android pad cannot be told apart); other platforms are left out.
 */
const PLAYBACK_DEVICES: Record<string, number> = { pc: 0, web: 0, mac: 1, ios: 8, android: 32, h5: 237 };
export function playbackDevice(platform: string | null): number | undefined {
  return platform === null ? undefined : PLAYBACK_DEVICES[platform];
}
