// The throughput baseline: a bare node:http server that reads the body, JSON.parses it and answers.
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';

/** The whole baseline: what any server must do with a push (read it, parse it, answer). */
export function baselineHandler(req, res) {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    let status = 200;
    try {
      JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      status = 400;
    }
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
    res.end('{"ok":true}');
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  createServer(baselineHandler).listen(Number(process.env.PORT), '127.0.0.1');
}
