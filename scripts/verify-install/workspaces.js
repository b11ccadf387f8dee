/* The repository's workspace packages (packages/*, plugins/*), shared by the helpers here. */
const fs = require('node:fs');
const path = require('node:path');

const repoRoot = path.resolve(__dirname, '../..');

/** Name → { dir (relative to the repository root), pkg (its package.json) }. */
function readWorkspaces() {
  const byName = new Map();
  for (const parent of ['packages', 'plugins']) {
    for (const entry of fs.readdirSync(path.join(repoRoot, parent))) {
      const file = path.join(repoRoot, parent, entry, 'package.json');
      if (!fs.existsSync(file)) continue;
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
      byName.set(pkg.name, { dir: path.join(parent, entry), pkg });
    }
  }
  return byName;
}

module.exports = { repoRoot, readWorkspaces };
