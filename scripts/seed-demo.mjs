// Records the demo observations through the API, as wardens would, and books two appointments as citizens would. Safe to run again: ids are fixed, so a
// second run finds every observation already there and writes nothing new.
import { readFile } from 'node:fs/promises';

const base = process.argv[2] ?? 'http://localhost:7071';
const demo = JSON.parse(await readFile(new URL('./demo/observations.json', import.meta.url), 'utf8'));

function principal(userId, role = 'warden') {
  const user = { identityProvider: 'dev', userId, userDetails: demo.wardens[userId] ?? userId, userRoles: ['anonymous', 'authenticated', role] };
  return Buffer.from(JSON.stringify(user), 'utf8').toString('base64');
}

let created = 0;
for (const o of demo.observations) {
  const observedAt = new Date(Date.now() - o.hoursAgo * 3600_000).toISOString();
  const body = { id: o.id, category: o.category, latitude: o.latitude, longitude: o.longitude, address: o.address ?? null, description: o.description, observedAt };
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

// Dossiers in several states, as the coordinator's page shows them (/coordinator/): acknowledged, in progress,
// resolved, rejected, with an internal note; the rest stay forwarded and become overdue, then escalated, as the
// demo's five-minute follow-up runs. A second run finds the changes made (409) and the note there (200).
const coordinator = { 'x-ms-client-principal': principal('coordinator-demo', 'coordinator') };
let changed = 0;
for (const d of demo.dossiers) {
  const dossierId = await forwardedDossier(d.observation);
  if (!dossierId) {
    console.error(`Demo dossier of observation ${d.observation}: not forwarded in time.`);
    process.exitCode = 1;
    continue;
  }

  for (const transition of d.transitions) {
    const response = await fetch(`${base}/api/dossiers/${dossierId}/transitions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...coordinator },
      body: JSON.stringify(transition),
    });
    if (response.ok) changed++;
    else if (response.status !== 409) {
      console.error(`Demo dossier ${dossierId} to ${transition.to}: ${response.status} ${await response.text()}`);
      process.exitCode = 1;
    }
  }

  if (d.note) {
    await fetch(`${base}/api/dossiers/${dossierId}/notes`, { method: 'POST', headers: { 'content-type': 'application/json', ...coordinator }, body: JSON.stringify(d.note) });
  }
}
console.log(`Demo data: ${demo.dossiers.length} dossiers moved on (${changed} changes).`);

/** Waits (up to 30 s) until the observation's dossier has been forwarded; its id, or null. */
async function forwardedDossier(observationId) {
  for (let attempt = 0; attempt < 60; attempt++) {
    const observation = await (await fetch(`${base}/api/observations/${observationId}`, { headers: coordinator })).json();
    if (observation.dossierId) {
      const dossier = await (await fetch(`${base}/api/dossiers/${observation.dossierId}`, { headers: coordinator })).json();
      if (dossier.status !== 'new') return observation.dossierId;
    }

    await new Promise((resolve) => setTimeout(resolve, 500));
  }

  return null;
}

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
