// Records the demo observations through the API, as wardens would. Safe to run again: ids are fixed, so a
// second run finds every observation already there and writes nothing new.
import { readFile } from 'node:fs/promises';

const base = process.argv[2] ?? 'http://localhost:7071';
const demo = JSON.parse(await readFile(new URL('./demo/observations.json', import.meta.url), 'utf8'));

function principal(userId) {
  const user = { identityProvider: 'dev', userId, userDetails: demo.wardens[userId], userRoles: ['anonymous', 'authenticated', 'warden'] };
  return Buffer.from(JSON.stringify(user), 'utf8').toString('base64');
}

let created = 0;
for (const o of demo.observations) {
  const observedAt = new Date(Date.now() - o.hoursAgo * 3600_000).toISOString();
  const body = { id: o.id, category: o.category, latitude: o.latitude, longitude: o.longitude, description: o.description, observedAt };
  const response = await fetch(`${base}/api/observations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-ms-client-principal': principal(o.warden) },
    body: JSON.stringify(body),
  });
  if (response.status === 201) created++;
  else if (response.status !== 200 && response.status !== 409) {
    console.error(`Demo observation ${o.id}: ${response.status} ${await response.text()}`);
    process.exitCode = 1;
  }
}
console.log(`Demo data: ${demo.observations.length} observations (${created} new).`);
