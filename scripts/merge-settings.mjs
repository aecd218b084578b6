// Adds the settings that local.settings.sample.json has and an older local.settings.json lacks, keeping every
// value already there, so pulling new code never leaves the app without a setting it now needs.
import { readFile, writeFile } from 'node:fs/promises';

const [samplePath, localPath] = process.argv.slice(2);
const sample = JSON.parse(await readFile(samplePath, 'utf8'));
const local = JSON.parse(await readFile(localPath, 'utf8'));
local.Values ??= {};
const added = Object.keys(sample.Values).filter((key) => !(key in local.Values));
if (added.length > 0) {
  for (const key of added) local.Values[key] = sample.Values[key];
  await writeFile(localPath, JSON.stringify(local, null, 2) + '\n');
  console.log(`Added to ${localPath} from the sample: ${added.join(', ')}`);
}
