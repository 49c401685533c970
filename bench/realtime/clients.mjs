// A load-generator process: holds many WebSocket clients of one room and measures what they receive.
// Driven by its parent over IPC: join → measure → stop → close. Frames whose text carries
// "bench:<sent epoch ms>" are chat messages of the benchmark: each receipt's latency is recorded.
import WebSocket from 'ws';

const { url, mode, count, code, concurrency = 100, joinSeconds = 180 } = JSON.parse(process.argv[2]);
const sockets = [];
let measuring = false;
let deliveries = 0;
let latencies = [];
let lastAt = 0;

const BENCH = /bench:(\d+)/;
function onFrame(data) {
  if (!measuring) return;
  const text = String(data);
  const m = BENCH.exec(text);
  if (!m) return;
  deliveries++;
  lastAt = Date.now();
  latencies.push(lastAt - Number(m[1]));
}

async function enter(name) {
  const res = await fetch(`${url}/enter`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, name }) });
  if (!res.ok) throw new Error(`enter: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()).ticket;
}

async function connectOne(i) {
  const wsUrl = mode === 'lectern' ? `${url.replace(/^http/, 'ws')}/live/ws?ticket=${encodeURIComponent(await enter(`load ${process.pid}-${i}`))}` : url;
  const ws = new WebSocket(wsUrl, { perMessageDeflate: false });
  await new Promise((resolve, reject) => {
    ws.once('error', reject);
    ws.once('close', (c) => reject(new Error(`closed ${c}`)));
    if (mode === 'lectern') {
      ws.on('message', function first(data) {
        if (String(data).startsWith('{"type":"welcome"')) {
          ws.off('message', first);
          resolve();
        }
      });
    } else ws.once('open', resolve);
  });
  ws.on('message', onFrame);
  ws.on('error', () => {});
  sockets.push(ws);
}

async function join() {
  const started = Date.now();
  let next = 0;
  let failed = 0;
  let firstError;
  let gaveUp = 0;
  const deadline = started + joinSeconds * 1000;
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, async () => {
    for (let i = next++; i < count; i = next++) {
      if (Date.now() > deadline) {
        gaveUp++;
        continue;
      }
      try {
        await connectOne(i);
      } catch (err) {
        failed++;
        firstError ??= String(err.message ?? err);
      }
    }
  }));
  return { joined: sockets.length, failed, gaveUp, firstError, ms: Date.now() - started };
}

process.on('message', async (cmd) => {
  if (cmd === 'join') process.send({ join: await join() });
  else if (cmd === 'measure') {
    deliveries = 0;
    latencies = [];
    lastAt = 0;
    measuring = true;
    process.send({ measuring: true });
  } else if (cmd === 'peek') {
    process.send({ peek: { deliveries, lastAt } });
  } else if (cmd === 'stop') {
    measuring = false;
    process.send({ stats: { deliveries, lastAt, latencies } });
  } else if (cmd === 'close') {
    for (const ws of sockets) ws.terminate();
    process.exit(0);
  }
});
process.send({ ready: true });
