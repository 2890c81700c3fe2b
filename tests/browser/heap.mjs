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
    edges: at(meta.node_fields, 'edge_count'), detached: at(meta.node_fields, 'detachedness'),
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
    detached: (i) => f.detached >= 0 && nodes[i * nf + f.detached] === 2,
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
 * The detached DOM objects of `snapshot` and what holds them: `{ total, paths }`, where each of
 * `paths` (largest first) is `{ count, path }` — how many detached nodes are first reached
 * through a retaining path of that shape, and one such path, root → … → the first detached node.
 */
export function detachedRetainers(snapshot, limit = 8) {
  const g = graph(snapshot);
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
    if (!g.detached(i)) continue;
    total++;
    let entry = i;
    while (g.detached(parent[entry]) && parent[entry] !== entry) entry = parent[entry];
    const steps = [];
    for (let n = entry; n !== 0 && steps.length < 14; n = parent[n]) steps.unshift(`${via[n]} → ${g.name(n)}`);
    const path = steps.join(' ⟶ ');
    // Paths that differ only in array slots (the wasm-bindgen table, a list's index) are one shape.
    const shape = path.replace(/\[\d+\]/g, '[…]');
    const group = groups.get(shape) ?? { count: 0, path };
    group.count++;
    groups.set(shape, group);
  }
  const paths = [...groups.values()].sort((a, b) => b.count - a.count).slice(0, limit);
  return { total, paths };
}
