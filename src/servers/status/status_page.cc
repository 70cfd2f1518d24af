#include "servers/status/status_page.h"

namespace eventmgr::servers::status {

namespace {

constexpr std::string_view kHtml = R"html(<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>eventmgr status</title>
<style>
  body { font: 14px system-ui, sans-serif; margin: 1.5em; color: #222; background: #fafafa; }
  h1 { font-size: 1.3em; margin: 0 0 .2em; }
  #updated { color: #777; font-size: .9em; margin-bottom: 1em; }
  .instance { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: .8em 1em;
              margin-bottom: 1em; }
  .instance h2 { font-size: 1.1em; margin: 0 0 .4em; }
  .badge { display: inline-block; padding: 0 .5em; border-radius: 3px; color: #fff;
           font-size: .85em; margin-left: .4em; }
  .up { background: #2a8f3c; } .down { background: #b3261e; } .other { background: #8a6d00; }
  .counters { color: #444; margin-bottom: .5em; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: .25em .5em; border-top: 1px solid #eee;
           vertical-align: top; }
  th { color: #555; font-weight: 600; }
  .result-executed { color: #2a8f3c; } .result-failed { color: #b3261e; }
  .result-skipped { color: #777; }
  .bar { display: inline-block; height: .7em; background: #4a7bd0; vertical-align: middle; }
  #error { color: #b3261e; }
</style>
</head>
<body>
<h1>eventmgr event-handler instances</h1>
<div id="updated">loading...</div>
<div id="error"></div>
<div id="instances"></div>
<script>
'use strict';

function text(value) {
  const span = document.createElement('span');
  span.textContent = value === undefined || value === null ? '' : String(value);
  return span.innerHTML;
}

function stateClass(state) {
  if (state === 'up' || state === 'down') {
    return state;
  }
  return 'other';
}

function renderActions(actions) {
  return (actions || []).map((action) =>
    `<div>${text(action.name)} <span class="result-${text(action.result)}">${text(action.result)}</span>` +
    (action.detail ? ` <small>${text(action.detail)}</small>` : '') + '</div>').join('');
}

function renderInstance(instance) {
  const stats = instance.statistics || {};
  const executions = ((instance.history || {}).execution || []).slice().reverse().slice(0, 20);
  const longest = Math.max(1, ...executions.map((e) => Number(e['upython-duration'] || 0)));
  const rows = executions.map((e) => {
    const microseconds = Number(e['upython-duration'] || 0);
    const width = Math.max(2, Math.round(120 * microseconds / longest));
    return `<tr class="execution"><td>${text(e.id)}</td><td>${text(e['start-time'])}</td>` +
      `<td>${text(e.trigger)}<br><small>${text((e['changed-paths'] || []).join(', '))}</small></td>` +
      `<td><span class="bar" style="width:${width}px"></span> ${(microseconds / 1000).toFixed(2)} ms</td>` +
      `<td>${renderActions(e.action)}</td><td>${text(e['oper-down-reason'] || '')}</td></tr>`;
  }).join('');
  return `<div class="instance" id="instance-${text(instance.name)}">` +
    `<h2>${text(instance.name)}<span class="badge ${stateClass(instance['oper-state'])}">` +
    `${text(instance['oper-state'])}</span></h2>` +
    `<div class="counters">admin-state ${text(instance['admin-state'])} &middot; ` +
    `script ${text(instance['upython-script'])} &middot; executions ${text(stats['execution-count'])}` +
    ` &middot; successes ${text(stats['execution-successes'])} &middot; errors ` +
    `${text(stats['execution-errors'])} &middot; timeouts ${text(stats['execution-timeouts'])}</div>` +
    '<table><tr><th>#</th><th>start</th><th>trigger</th><th>duration</th><th>actions</th>' +
    `<th>reason</th></tr>${rows}</table></div>`;
}

async function refresh() {
  try {
    const response = await fetch('/jsonrpc', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'get', params: { commands: [
        { path: '/system/event-handler', datastore: 'state' }] } }),
    });
    const reply = await response.json();
    if (reply.error) {
      throw new Error(reply.error.message);
    }
    const instances = (reply.result[0] || {}).instance || [];
    document.getElementById('instances').innerHTML = instances.length
      ? instances.map(renderInstance).join('') : '<p>No instance is configured.</p>';
    document.getElementById('error').textContent = '';
    document.getElementById('updated').textContent = 'updated ' + new Date().toISOString();
  } catch (error) {
    document.getElementById('error').textContent = 'refresh failed: ' + error.message;
  }
}

refresh();
setInterval(refresh, 1000);
</script>
</body>
</html>
)html";

}  // namespace

std::string_view statusPageHtml() {
  return kHtml;
}

}  // namespace eventmgr::servers::status
