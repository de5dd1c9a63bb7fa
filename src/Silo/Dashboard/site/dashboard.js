// The live pool dashboard (docs/dashboard.md): polls the silo's JSON API every few seconds and redraws each panel.
// Every panel tolerates missing data (no block yet, no chain, supervisor off, an endpoint this silo does not serve).
import { clock, lineChart, palette, timeline } from './charts.js';

const periodMs = 3000;
const minersShown = 200;
const refusalsShown = 50;
const recentBlocks = 6;
const stages = ['Training', 'Committing', 'Committed', 'Measuring', 'Revealing', 'Revealed', 'Decided'];

/** Blocks (and their consensus) that no longer change, by height. */
const settled = new Map();
let skewMs = 0;
let polls = 0;

const $ = id => document.getElementById(id);
const now = () => Date.now() + skewMs;
const time = iso => (iso ? Date.parse(iso) : NaN);

/** GETs an API path: its JSON, or null for 404 (not there, or not served by this silo); throws otherwise. */
async function get(path) {
  const response = await fetch(path, { headers: { accept: 'application/json' }, cache: 'no-store', signal: AbortSignal.timeout(8000) });
  const date = Date.parse(response.headers.get('date') ?? '');
  if (!Number.isNaN(date)) {
    // the silo's clock, to the second: heartbeat ages and deadlines are measured on it when the two differ clearly
    const offset = date + 500 - Date.now();
    skewMs = Math.abs(offset) > 2000 ? offset : 0;
  }
  if (response.status === 404) {
    return null;
  }
  if (!response.ok) {
    throw new Error(`${path} answered ${response.status}`);
  }
  return response.json();
}

/** Like get, but a failure becomes { error } so that one panel's trouble leaves the others drawn. */
const attempt = path => get(path).then(value => ({ value }), error => ({ error: error.message ?? String(error) }));

function cell(row, content, className) {
  const td = document.createElement('td');
  td.textContent = content ?? '–';
  if (className) {
    td.className = className;
  }
  row.appendChild(td);
  return td;
}

function pill(row, content, kind) {
  const td = cell(row, '');
  const span = document.createElement('span');
  span.className = `pill ${kind}`;
  span.textContent = content;
  td.appendChild(span);
  return td;
}

/** Fills a table's body with one row per item (or one row saying why it is empty) and sets data-rows. */
function fill(name, items, draw, empty) {
  const table = document.querySelector(`table[data-table="${name}"]`);
  const body = table.tBodies[0];
  const rows = items.map(item => {
    const row = document.createElement('tr');
    draw(row, item);
    return row;
  });
  if (rows.length === 0) {
    const row = document.createElement('tr');
    const td = cell(row, empty, 'empty');
    td.colSpan = table.tHead.rows[0].cells.length;
    rows.push(row);
  }
  body.replaceChildren(...rows);
  table.dataset.rows = String(items.length);
}

/** hh:mm:ss today, else the date and hh:mm. */
function when(ms) {
  if (Number.isNaN(ms)) {
    return '–';
  }
  const date = new Date(ms);
  const day = [date.getFullYear(), date.getMonth() + 1, date.getDate()].map(n => String(n).padStart(2, '0')).join('-');
  return new Date(now()).toDateString() === date.toDateString() ? clock(ms) : `${day} ${clock(ms).slice(0, 5)}`;
}

function duration(ms) {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 90) {
    return `${s} s`;
  }
  const m = Math.round(s / 60);
  return m < 90 ? `${m} min` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

const reward = value => (typeof value === 'number' ? value.toFixed(4) : '–');
const kind = value => ({ Exploration: 'explore', Exploitation: 'exploit' })[value] ?? String(value ?? '–').toLowerCase();

function drawHeader(height, block, subspaces, chain, miners) {
  $('fact-height').textContent = height ?? 'none yet';
  $('fact-phase').textContent = block?.phase ?? '–';
  $('fact-phase').dataset.phase = block?.phase ?? '';
  $('fact-chain').textContent = chain?.running ? `${chain.currentHeight ?? '–'} · ${chain.phase ?? '–'}` : 'not followed';
  $('fact-episodes').textContent = subspaces ? subspaces.reduce((sum, s) => sum + s.episodes, 0) : '–';
  $('fact-miners').textContent = miners ? `${miners.filter(m => m.status === 'Active').length} active / ${miners.length}` : '–';
}

function drawTimeline(block, consensus, chain) {
  const svg = $('timeline');
  if (!block) {
    timeline(svg, { start: 0, end: 0, now: now(), bands: [], marks: [] }, 'no block is open yet: the operator opens one (POST /api/blocks) or the pool follows the chain');
    $('timeline-caption').textContent = '';
    return;
  }
  const opened = time(block.openedAt);
  const deadline = time(block.trainingDeadline);
  const chainTask = chain?.running && chain.task?.height === block.task.height ? chain.task : null;
  const validation = chainTask ? time(chainTask.validationDeadline) : NaN;
  const end = Math.max(deadline, Number.isNaN(validation) ? 0 : validation, Math.min(now(), deadline + (deadline - opened) * 0.25));
  const bands = [{ from: opened, to: deadline, label: `block ${block.task.height}: training`, kind: 'training', progress: (now() - opened) / (deadline - opened) }];
  if (!Number.isNaN(validation)) {
    bands.push({ from: deadline, to: validation, label: 'chain: validation', kind: 'validation' });
  }
  const marks = [{ at: opened, label: 'opened', kind: 'open' }, { at: deadline, label: 'training deadline', kind: 'deadline' }];
  if (consensus?.commitAt) {
    marks.push({ at: time(consensus.commitAt), label: 'commit', kind: 'commit' });
  }
  if (!Number.isNaN(validation)) {
    marks.push({ at: validation, label: 'validation deadline', kind: 'deadline' });
  }
  timeline(svg, { start: opened, end: Math.max(end, opened + 1), now: now(), bands, marks }, '');
  const left = deadline - now();
  $('timeline-caption').textContent = block.phase === 'Training'
    ? `block ${block.task.height} in training, ${duration(left)} left`
    : `block ${block.task.height} closed ${left < 0 ? `${duration(-left)} ago` : ''}`;
}

function drawStages(consensus, chain) {
  const list = $('stages');
  const items = [];
  const head = document.createElement('li');
  head.className = 'head';
  head.textContent = consensus ? 'consensus' : chain?.running ? 'consensus: the pool takes no part in this height' : 'consensus: no chain followed';
  items.push(head);
  if (consensus) {
    const at = stages.indexOf(consensus.stage);
    stages.forEach((stage, i) => {
      const item = document.createElement('li');
      item.textContent = stage.toLowerCase();
      item.className = i < at ? 'done' : i === at ? 'current' : 'todo';
      items.push(item);
    });
    const outcome = document.createElement('li');
    outcome.className = 'outcome';
    outcome.textContent = consensus.stage === 'Decided'
      ? `${consensus.won ? 'won' : 'lost'}${consensus.credited ? ', credited' : ''}`
      : `${consensus.commitments.length} commitment${consensus.commitments.length === 1 ? '' : 's'}${consensus.measurer ? `, measured by ${consensus.measurer}` : ''}`;
    items.push(outcome);
  }
  if (chain?.running) {
    const item = document.createElement('li');
    item.className = 'chain';
    item.textContent = `chain height ${chain.currentHeight ?? '–'}: ${chain.phase ?? '–'}${chain.decided ? ', decided' : ''}`;
    items.push(item);
  }
  list.replaceChildren(...items);
  list.dataset.stage = consensus?.stage ?? '';
}

/** The last few blocks with their consensus; closed and decided ones are fetched once. */
async function recent(height, block, consensus) {
  const rows = [];
  for (let h = height; h >= 1 && h > height - recentBlocks; h--) {
    if (h === height) {
      rows.push({ block, consensus });
    } else if (settled.has(h)) {
      rows.push(settled.get(h));
    } else {
      const [b, c] = await Promise.all([attempt(`/api/blocks/${h}`), attempt(`/api/blocks/${h}/consensus`)]);
      const row = { block: b.value ?? null, consensus: c.value ?? null };
      if (!b.error && !c.error && row.block?.phase === 'Closed' && (row.consensus === null || row.consensus.stage === 'Decided')) {
        settled.set(h, row);
      }
      rows.push(row);
    }
  }
  return rows.filter(r => r.block);
}

function drawBlocks(rows) {
  fill('blocks', rows, (row, { block, consensus }) => {
    cell(row, `#${block.task.height}`);
    pill(row, block.phase, block.phase.toLowerCase());
    cell(row, when(time(block.openedAt)));
    cell(row, when(time(block.trainingDeadline)));
    cell(row, `${block.subspaces.filter(s => s.explored).length} / ${block.subspaces.length}`);
    cell(row, reward(block.leaderboard[0]?.reward), 'num');
    cell(row, consensus ? `${consensus.stage.toLowerCase()}${consensus.stage === 'Decided' ? (consensus.won ? ' · won' : ' · lost') : ''}` : '–');
  }, 'no block yet');
}

function drawCurves(subspaces) {
  const list = subspaces ?? [];
  const series = list.map((s, i) => ({
    name: s.name,
    color: palette[i % palette.length],
    points: s.curve.map(p => [p.episode, p.reward]),
    step: true,
    extendTo: s.episodes,
    detail: s.explorer ? `explorer ${s.explorer}` : '',
  }));
  lineChart($('curves'), series, {
    xLabel: 'accepted episodes of the subspace',
    yLabel: 'best reward',
    empty: subspaces ? 'no feasible episode accepted yet' : 'no block is open yet',
  });
  const legend = list.map((s, i) => {
    const item = document.createElement('li');
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.backgroundColor = palette[i % palette.length];
    const name = document.createElement('b');
    name.textContent = s.name;
    const detail = document.createElement('span');
    detail.textContent = ` ${reward(s.best?.reward)} · ${s.explorations}/${s.episodeBudget} explored${s.explorer ? ` · ${s.explorer}` : ''}`;
    item.append(swatch, name, detail);
    item.title = s.space;
    return item;
  });
  $('curves-legend').replaceChildren(...legend);
}

function drawDeviation(supervisor, height) {
  const series = (supervisor?.series ?? []).filter(p => p.height === height);
  lineChart($('deviation'), [{
    name: 'σ of the high group',
    color: palette[0],
    points: series.map(p => [p.episodes, p.deviation]),
    step: false,
  }], {
    xLabel: 'accepted episodes of the block',
    yLabel: 'standard deviation',
    yFloor: 0,
    empty: !supervisor || (supervisor.height === null && (supervisor.series ?? []).length === 0)
      ? 'the supervisor is off or has not ticked yet (Supervisor:Enabled)'
      : 'no point for this block yet',
  });
  const names = group => (group ?? []).map(m => m.minerId).join(', ') || 'none';
  const counted = (list, noun) => ((list ?? []).length > 0 ? ` · ${list.length} ${noun}${list.length === 1 ? '' : 's'}` : '');
  $('deviation-note').textContent = supervisor && supervisor.height !== null
    ? `last tick (block ${supervisor.height}): σ = ${reward(supervisor.deviation)} · high group: ${names(supervisor.high)} · low group: ${names(supervisor.low)}` +
      counted(supervisor.promotions, 'promotion') + counted(supervisor.backups, 'backup')
    : '';
}

function drawLeaderboard(block) {
  const entries = block?.leaderboard ?? [];
  fill('leaderboard', entries, (row, entry) => {
    row.title = entry.architecture;
    cell(row, String(entries.indexOf(entry) + 1));
    cell(row, reward(entry.reward), 'num strong');
    cell(row, entry.subspace);
    cell(row, entry.minerId);
    pill(row, kind(entry.kind), kind(entry.kind));
    cell(row, String(entry.sequence), 'num');
    cell(row, when(time(entry.acceptedAt)));
  }, block ? 'no episode accepted yet' : 'no block is open yet');
  $('leaderboard-caption').textContent = block ? `block ${block.task.height}, ${block.confirmed.length} confirmed for exploitation` : '';
}

function drawMiners(miners) {
  const list = miners ?? [];
  fill('miners', list, (row, miner) => {
    row.title = miner.profile ? `${miner.profile.displayName ?? ''} (${miner.profile.device ?? ''})` : '';
    cell(row, miner.minerId);
    pill(row, String(miner.role).toLowerCase(), String(miner.role).toLowerCase());
    pill(row, String(miner.status).toLowerCase(), String(miner.status).toLowerCase());
    cell(row, miner.lastHeartbeat ? duration(now() - time(miner.lastHeartbeat)) : '–', 'num');
    cell(row, miner.assignment ?? '–');
    cell(row, String(miner.episodes), 'num');
    cell(row, String(miner.workUnits), 'num');
  }, 'no miner registered yet');
  $('miners-caption').textContent = list.length >= minersShown ? `the first ${minersShown} by id` : `${list.length} registered`;
}

function drawRefusals(refusals, subspaces) {
  const table = document.querySelector('table[data-table="refusals"]');
  table.dataset.available = refusals === null ? 'false' : 'true';
  fill('refusals', refusals ?? [], (row, refusal) => {
    cell(row, when(time(refusal.at)));
    cell(row, refusal.minerId);
    pill(row, refusal.reason, 'refused');
    cell(row, refusal.detail, 'detail');
  }, refusals === null ? 'this silo does not serve GET /api/refusals yet' : 'no refusal');
  const counts = new Map();
  for (const subspace of subspaces ?? []) {
    for (const [reason, count] of Object.entries(subspace.refusals ?? {})) {
      counts.set(reason, (counts.get(reason) ?? 0) + count);
    }
  }
  const byReason = [...counts].map(([reason, count]) => `${reason} ${count}`).join(', ');
  $('refusals-caption').textContent = `calls and reports refused since the silo started, newest first` +
    (subspaces ? ` · reports refused in block ${subspaces[0]?.height ?? ''} by reason: ${byReason || 'none'}` : '');
}

function status(problems) {
  const element = $('status');
  element.dataset.state = problems.length === 0 ? 'live' : 'trouble';
  $('status-text').textContent = problems.length === 0 ? `live · ${when(now())}` : problems.join('; ');
}

async function poll() {
  const problems = [];
  const value = result => {
    if (result.error) {
      problems.push(result.error);
    }
    return result.value ?? null;
  };
  try {
    const pool = await get('/api/pool');
    const height = pool?.currentHeight ?? null;
    const none = Promise.resolve({ value: null });
    const results = await Promise.all([
      height ? attempt(`/api/blocks/${height}`) : none,
      height ? attempt(`/api/blocks/${height}/subspaces`) : none,
      height ? attempt(`/api/blocks/${height}/consensus`) : none,
      attempt('/api/chain'),
      attempt('/api/supervisor'),
      attempt(`/api/miners?take=${minersShown}`),
      attempt(`/api/refusals?take=${refusalsShown}`),
    ]);
    const [block, subspaces, consensus, chain, supervisor, miners, refusals] = results.map(value);
    drawHeader(height, block, subspaces, chain, miners);
    drawTimeline(block, consensus, chain);
    drawStages(consensus, chain);
    drawBlocks(height ? await recent(height, block, consensus) : []);
    drawCurves(subspaces);
    drawDeviation(supervisor, height);
    drawLeaderboard(block);
    drawMiners(miners);
    drawRefusals(results[6].error ? [] : refusals, subspaces);
  } catch (error) {
    problems.push(`the pool's API cannot be reached: ${error.message ?? error}`);
  }
  status(problems);
  polls += 1;
  document.body.dataset.polls = String(polls);
}

async function loop() {
  await poll();
  setTimeout(loop, periodMs);
}

$('period').textContent = String(periodMs / 1000);
let resizeTimer;
window.addEventListener('resize', () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(poll, 200);
});
loop();
