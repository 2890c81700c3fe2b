// Heap snapshots for the memory tests: takes one through a CDP session and says what keeps
// detached DOM nodes alive — the shortest path from a GC root to each detached subtree, grouped
// by the path's shape — so a failed node bound names its cause instead of only a count.
import { writeFileSync } from 'node:fs';

/** Takes a heap snapshot of the page behind `cdp`; returns the parsed snapshot. */
export async function takeHeapSnapshot(cdp) {
  const chunks = [];
  const onChunk = ({ chunk }) => chunks.push(chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false, captureNumericValue: false });
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  }
  return JSON.parse(chunks.join(''));
}

/** Writes `snapshot` to `path` (open it in Chrome DevTools → Memory → Load). */
export function saveHeapSnapshot(snapshot, path) {
  writeFileSync(path, JSON.stringify(snapshot));
}

/** A readable view of the snapshot's flat arrays. */
function graph(snapshot) {
  const { meta } = snapshot.snapshot;
  const nf = meta.node_fields.length;
  const ef = meta.edge_fields.length;
  const at = (fields, name) => fields.indexOf(name);
  const f = {
    type: at(meta.node_fields, 'type'), name: at(meta.node_fields, 'name'),
    edges: at(meta.node_fields, 'edge_count'), id: at(meta.node_fields, 'id'), size: at(meta.node_fields, 'self_size'), detached: at(meta.node_fields, 'detachedness'),
    etype: at(meta.edge_fields, 'type'), ename: at(meta.edge_fields, 'name_or_index'), to: at(meta.edge_fields, 'to_node'),
  };
  const nodeTypes = meta.node_types[0];
  const edgeTypes = meta.edge_types[0];
  const { nodes, edges, strings } = snapshot;
  const count = nodes.length / nf;
  const firstEdge = new Uint32Array(count + 1);
  for (let i = 0, e = 0; i < count; i++) {
    firstEdge[i] = e;
    e += nodes[i * nf + f.edges] * ef;
    firstEdge[i + 1] = e;
  }
  return {
    count,
    name: (i) => strings[nodes[i * nf + f.name]],
    type: (i) => nodeTypes[nodes[i * nf + f.type]],
    selfSize: (i) => nodes[i * nf + f.size],
    detached: (i) => f.detached >= 0 && nodes[i * nf + f.detached] === 2,
    id: (i) => nodes[i * nf + f.id],
    *out(i) {
      for (let e = firstEdge[i]; e < firstEdge[i + 1]; e += ef) {
        const type = edgeTypes[edges[e + f.etype]];
        const raw = edges[e + f.ename];
        const label = type === 'element' || type === 'hidden' ? `[${raw}]` : strings[raw];
        yield { type, label, to: edges[e + f.to] / nf };
      }
    },
  };
}

/**
 * Objects of `snapshot` by constructor (or kind): a Map from name to `{ count, bytes }` of
 * their own (shallow) size, for comparing two snapshots of the same page.
 */
export function objectsByName(snapshot) {
  const g = graph(snapshot);
  const out = new Map();
  for (let i = 0; i < g.count; i++) {
    const type = g.type(i);
    const name = type === 'object' || type === 'closure' || type === 'native' ? g.name(i).split(' ')[0] || type : `(${type})`;
    const entry = out.get(name) ?? { count: 0, bytes: 0 };
    entry.count++;
    entry.bytes += g.selfSize(i);
    out.set(name, entry);
  }
  return out;
}

/** What grew from `before` to `after` (two `objectsByName` results), largest growth first. */
export function growth(before, after, limit = 10) {
  return [...after].map(([name, a]) => {
    const b = before.get(name) ?? { count: 0, bytes: 0 };
    return { name, count: a.count - b.count, bytes: a.bytes - b.bytes };
  }).filter((d) => d.bytes > 0).sort((x, y) => y.bytes - x.bytes).slice(0, limit);
}

/**
 * The objects of `g` that `pick` selects and what holds them: `{ total, paths }`, where each of
 * `paths` (largest first) is `{ count, path }` — how many picked objects are first reached
 * through a retaining path of that shape (a picked object reached only through other picked
 * ones counts for the first of them), and one such path, root → … → the first picked object.
 */
function retainers(g, pick, limit) {
  const parent = new Int32Array(g.count).fill(-1);
  const via = new Array(g.count);
  parent[0] = 0;
  const queue = [0];
  for (let q = 0; q < queue.length; q++) {
    const from = queue[q];
    for (const edge of g.out(from)) {
      if (edge.type === 'weak' || edge.type === 'shortcut' || parent[edge.to] !== -1) continue;
      parent[edge.to] = from;
      via[edge.to] = edge.label;
      queue.push(edge.to);
    }
  }
  let total = 0;
  const groups = new Map();
  for (const i of queue) {
    if (i === 0 || !pick(i)) continue;
    total++;
    let entry = i;
    while (parent[entry] !== 0 && pick(parent[entry])) entry = parent[entry];
    const steps = [];
    for (let n = entry; n !== 0 && steps.length < 14; n = parent[n]) steps.unshift(`${via[n]} → ${g.name(n)}`);
    const path = steps.join(' ⟶ ');
    // Paths that differ only in array slots (the wasm-bindgen table, a list's index) are one shape.
    const shape = path.replace(/\[\d+\]/g, '[…]').replace(/@\d+/g, '@…');
    const group = groups.get(shape) ?? { count: 0, path };
    group.count++;
    groups.set(shape, group);
  }
  const paths = [...groups.values()].sort((a, b) => b.count - a.count).slice(0, limit);
  return { total, paths };
}

/** The detached DOM objects of `snapshot` and what holds them (see `retainers`). */
export function detachedRetainers(snapshot, limit = 8) {
  const g = graph(snapshot);
  return retainers(g, g.detached, limit);
}

/**
 * The objects of `after` that were created after `before` was taken (two snapshots of the
 * same page: V8 keeps an object's snapshot id) and what holds them (see `retainers`).
 */
export function newObjectRetainers(before, after, limit = 8) {
  const old = graph(before);
  let newest = 0;
  for (let i = 0; i < old.count; i++) newest = Math.max(newest, old.id(i));
  const g = graph(after);
  return retainers(g, (i) => g.id(i) > newest, limit);
}

/** The objects of `snapshot` whose name (constructor, function or element) is `name`, and what holds them. */
export function namedRetainers(snapshot, name, limit = 8) {
  const g = graph(snapshot);
  return retainers(g, (i) => g.name(i) === name, limit);
}
