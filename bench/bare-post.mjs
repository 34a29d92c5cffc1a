// The baseline for CPU per delivery: `count` keep-alive http.request POSTs of `body` to `url`, `lanes`
// at a time (each lane one request after another, as the forwarder's lanes send), with the same
// headers the forwarder sends. Prints the main thread's CPU in ms (Linux /proc), as the relay is measured.
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';

const [url, count, lanes, bodyFile] = process.argv.slice(2);
const body = readFileSync(bodyFile, 'utf8');
const agent = new Agent({ keepAlive: true });
const target = new URL(url);

const mainThreadMs = () => {
  const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
};

const post = (i) =>
  new Promise((resolve, reject) => {
    const req = request(
      target,
      {
        method: 'POST',
        agent,
        headers: {
          'user-agent': 'sonorancad-forwarder',
          'content-type': 'application/json',
          'webhook-id': `msg_${String(i).padStart(32, '0')}`,
          'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
          'content-length': String(Buffer.byteLength(body)),
        },
      },
      (res) => {
        res.resume();
        res.on('end', resolve);
      },
    );
    req.on('error', reject);
    req.end(body);
  });

let next = 0;
const lane = async () => {
  while (next < Number(count)) await post(next++);
};
// Warm-up, then the measured run.
for (let i = 0; i < 200; i += 1) await post(i);
const before = mainThreadMs();
await Promise.all(Array.from({ length: Number(lanes) }, lane));
process.stdout.write(`${mainThreadMs() - before}\n`);
agent.destroy();
