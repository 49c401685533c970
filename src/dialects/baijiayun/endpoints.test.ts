import { describe, expect, it } from 'vitest';
import { BAIJIAYUN_ENDPOINTS } from './endpoints.js';

/** Catalog §2, in order: [number, path under /openapi]. API 25 does not exist; C1 and C2 close the list. */
const CATALOG: ReadonlyArray<readonly [string, string]> = [
  ['1', '/partner/createkey'], ['2', '/room/create'], ['3', '/room/update'], ['4', '/room/delete'], ['5', '/room/info'],
  ['6', '/room/getcode'], ['7', '/room/getCodeInfo'], ['8', '/room/listcode'], ['9', '/room/list'], ['10', '/doc/uploadDoc'],
  ['11', '/doc/bindDoc'], ['12', '/doc/listDoc'], ['13', '/doc/listAllDoc'], ['14', '/doc/removeDoc'], ['15', '/live/getLiveStatus'],
  ['16', '/live/getTeacherOnlineStatus'], ['17', '/live/getUserCount'], ['18', '/room_data/exportChatMsg'], ['19', '/live/setNotify'],
  ['20', '/room_data/exportLiveReport'], ['21', '/room_data/getAllRoomUserStat'], ['22', '/room_data/getRoomPeakUser'],
  ['23', '/live_account/getHourPeakUser'], ['24', '/live_account/getDayPeakUser'], ['26', '/live_account/getPartnerDailyCost'],
  ['27', '/live_account/getAllRoomCost'], ['28', '/room_data/getRoomQuiz'], ['29', '/room_data/getQuizUserAnswer'],
  ['30', '/room_data/getUserCheckinInfo'], ['31', '/room/createGroupLiveCodes'], ['32', '/room/getGroupLiveCodes'],
  ['33', '/room/getPushLiveUrl'], ['34', '/room_data/getRoomRaiseData'], ['35', '/live/sendChatMessage'], ['36', '/room/getGroupSubRoomId'],
  ['37', '/room/getPullStreamUrl'], ['38', '/room-data/getRoomRedPackage'], ['39', '/room_data/exportAwardStat'], ['40', '/room_data/exportQaStat'],
  ['41', '/room_data/exportQuestionnaireStat'], ['42', '/room_data/exportAnswerStat'], ['43', '/room_data/getPlaybackPdfPath'],
  ['44', '/live/stopCloudRecord'], ['45', '/live/transCloudRecord'], ['46', '/room/setSpotVideo'], ['47', '/room/getSpotVideo'],
  ['48', '/room_data/exportRoomPraiseStat'], ['49', '/room_data/getExpReportList'], ['50', '/room_data/getEvaluationStat'],
  ['51', '/evaluation/getEvaluationList'], ['52', '/evaluation/bindRoomEvaluation'], ['53', '/evaluation/updateRoomEvaluation'],
  ['54', '/room_data/exportAttentionList'], ['55', '/room_data/exportAttentionDetail'], ['56', '/doc/uploadH5ByUrl'],
  ['C1', '/live_account/setClassCallbackUrl'], ['C2', '/live_account/getClassCallbackUrl'],
];

describe('Baijiayun endpoint table', () => {
  it('the catalog list itself has the 57 inbound endpoints', () => {
    expect(CATALOG).toHaveLength(57);
    expect(new Set(CATALOG.map(([, p]) => p)).size).toBe(57);
  });

  it('holds every catalog endpoint', () => {
    expect(BAIJIAYUN_ENDPOINTS.map((e) => e.path).sort()).toEqual(CATALOG.map(([, p]) => `/openapi${p}`).sort());
  });

  it('holds only catalog paths, each once, in the catalog order, each summary starting with its number', () => {
    const position = new Map(CATALOG.map(([n, p], i) => [`/openapi${p}`, { n, i }]));
    let last = -1;
    for (const row of BAIJIAYUN_ENDPOINTS) {
      const at = position.get(row.path);
      expect(at, `${row.path} is not a catalog path`).toBeDefined();
      expect(at!.i, `${row.path} is out of catalog order`).toBeGreaterThan(last);
      expect(row.summary.startsWith(`${at!.n} `), `${row.path}: summary "${row.summary}"`).toBe(true);
      last = at!.i;
    }
  });

  it('declares the parameters of every endpoint as an input schema', () => {
    const undeclared = BAIJIAYUN_ENDPOINTS.filter((e) => !e.input).map((e) => e.path);
    expect(undeclared).toEqual([]);
  });
});
