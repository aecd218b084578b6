// Records the demo observations through the API, as wardens would, and books two appointments as citizens would. Safe to run again: ids are fixed, so a
// second run finds every observation already there and writes nothing new.
import { readFile } from 'node:fs/promises';
import { seedHistory } from './demo/history.mjs';

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

// Eight weeks of history, so the dashboard's figures, trend and map have something to show.
const history = await seedHistory(base, principal, Object.keys(demo.wardens));
console.log(`Demo data: 160 observations over the last eight weeks (${history} new).`);

// Two appointments for the demo officer (sign in as officer-marc to see them on /officer/). The idempotency
// keys are fixed, so a second run answers with the same bookings and books nothing new.
const appointments = [
  { key: 'demo-booking-office', type: 'office', name: 'Sarah Janssens', email: 'sarah.janssens@example.com', phone: null, language: 'nl', subject: 'Overlast van een café in de straat', address: null },
  { key: 'demo-booking-home', type: 'home', name: 'Mehdi Alaoui', email: 'mehdi.alaoui@example.com', phone: '+32 470 98 76 54', language: 'fr', subject: 'Dépôts clandestins répétés devant chez moi', address: 'Rue Neuve 80, 1000 Bruxelles' },
];
let booked = 0;
for (const a of appointments) {
  const slots = await (await fetch(`${base}/api/officers/officer-marc/slots?type=${a.type}`)).json();
  const slot = slots.slots?.[3] ?? slots.slots?.[0];
  if (!slot) continue;
  const { key, ...details } = a;
  const response = await fetch(`${base}/api/bookings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify({ officerId: 'officer-marc', start: slot.start, ...details }),
  });
  if (response.status === 201) booked++;
  else if (response.status !== 200 && response.status !== 409) {
    console.error(`Demo appointment ${key}: ${response.status} ${await response.text()}`);
    process.exitCode = 1;
  }
}
console.log(`Demo data: ${appointments.length} appointments with officer-marc (${booked} new).`);
