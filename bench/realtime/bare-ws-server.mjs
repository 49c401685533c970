// The baseline: a bare `ws` broadcast server. Every text frame a client sends is wrapped once in an
// event frame (like Lectern's) and sent to every connected client. No entry, no database.
import { WebSocketServer } from 'ws';

const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
let seq = 0;
wss.on('connection', (ws) => {
  ws.on('message', (data) => {
    const frame = JSON.stringify({ type: 'event', seq: ++seq, event: { type: 'chat.sent', at: Date.now(), data: JSON.parse(String(data)) } });
    for (const client of wss.clients) client.send(frame);
  });
});
wss.on('listening', () => process.stdout.write(`listening ws://127.0.0.1:${wss.address().port}\n`));
