/**
 * Gensee's terminal enum (Webcast 5.13 `joinType`; Training 5.18 `device` values 0–11), from the platform the core recorded
 * (web | pc | mac | ios | android | h5 | mini | phone | other) and, where the platform alone
 * does not say phone or tablet, the user agent.
 *
 * 0 PC client, 1 PC Web, 2 PC Web (http stream), 3 iPad Web, 4 iPhone Web, 5 Android pad Web,
 * 6 Android phone Web, 7 iPad App, 8 iPhone App, 9 Android pad App, 10 Android phone App, 11 Mac client.
 */
export function joinType(platform: string | null, userAgent: string | null): number | undefined {
  const ua = userAgent ?? '';
  const ipad = /iPad/i.test(ua);
  // Android tablets announce Android without "Mobile".
  const androidPad = /Android/i.test(ua) && !/Mobile/i.test(ua);
  switch (platform) {
    case 'pc':
      return 0;
    case 'mac':
      return 11;
    case 'web':
      return mobileWeb(ua) ?? 1;
    case 'h5':
    case 'mini':
      return mobileWeb(ua) ?? 4;
    case 'ios':
      return ipad ? 7 : 8;
    case 'android':
      return androidPad ? 9 : 10;
    default:
      // phone dial-in and unknown terminals have no value in the enum: the field is left out.
      return undefined;
  }
}

/** The Web terminal a mobile browser's user agent names, if any. */
function mobileWeb(ua: string): number | undefined {
  if (/iPad/i.test(ua)) return 3;
  if (/iPhone|iPod/i.test(ua)) return 4;
  if (/Android/i.test(ua)) return /Mobile/i.test(ua) ? 6 : 5;
  return undefined;
}
