// gNMI interoperability check of eventmgr with the Node.js gRPC client (@grpc/grpc-js and
// @grpc/proto-loader, versions pinned in package-lock.json). Runs Capabilities, Get, Set (one
// valid and one that fails validation) and a Subscribe ON_CHANGE to the statistics and
// last-execution of every event-handler instance, then changes state with `eventmgr cli -c` and
// waits for the new execution-count.
//
// Usage: node gnmi_client.js GNMI_ADDRESS PROTO_DIR EVENTMGR_BINARY JSONRPC_ADDRESS
// Exits 0 when every check passed; prints one line per check.
'use strict';

const { execFileSync } = require('child_process');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const [gnmiAddress, protoDir, eventmgr, jsonRpcAddress] = process.argv.slice(2);
const kTimeoutMs = 20000;

const definition = protoLoader.loadSync('gnmi.proto', {
  includeDirs: [protoDir, '/usr/include'],
  keepCase: true,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
});
const gnmi = grpc.loadPackageDefinition(definition).gnmi;
const client = new gnmi.gNMI(gnmiAddress, grpc.credentials.createInsecure());

function check(condition, message) {
  if (!condition) {
    throw new Error('check failed: ' + message);
  }
  console.log('ok: ' + message);
}

function call(method, request) {
  return new Promise((resolve, reject) => {
    const deadline = new Date(Date.now() + kTimeoutMs);
    client[method](request, { deadline }, (error, response) => {
      if (error) {
        reject(error);
      } else {
        resolve(response);
      }
    });
  });
}

function path(text) {
  // Only for the fixed paths below: no '/' or ']' inside key values except ethernet names.
  const elem = [];
  for (const match of text.matchAll(/([^/\[]+)((?:\[[^\]]*\])*)/g)) {
    const key = {};
    for (const pair of match[2].matchAll(/\[([^=]+)=([^\]]*)\]/g)) {
      key[pair[1]] = pair[2];
    }
    elem.push({ name: match[1], key });
  }
  return { elem };
}

function format(p) {
  return '/' + p.elem.map((e) => e.name + Object.keys(e.key).sort()
      .map((k) => `[${k}=${e.key[k]}]`).join('')).join('/');
}

async function getValue(text) {
  const response = await call('Get', { path: [path(text)], encoding: 'JSON_IETF' });
  const update = response.notification[0].update[0];
  return JSON.parse(update.val.json_ietf_val.toString());
}

async function waitFor(description, predicate) {
  const end = Date.now() + kTimeoutMs;
  for (;;) {
    try {
      if (await predicate()) {
        return;
      }
    } catch (error) {
      // Not there yet (NOT_FOUND); try again.
    }
    if (Date.now() > end) {
      throw new Error('timed out waiting for ' + description);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function subscribeUntilExecution() {
  return new Promise((resolve, reject) => {
    const stream = client.Subscribe();
    let synced = false;
    let initialCount = null;
    let lastExecutionChanged = false;
    const timer = setTimeout(() => {
      stream.cancel();
      reject(new Error('timed out waiting for a new execution-count'));
    }, kTimeoutMs);
    stream.on('data', (response) => {
      if (response.sync_response) {
        synced = true;
        check(initialCount !== null, `initial execution-count ${initialCount} before sync`);
        execFileSync(eventmgr, ['cli', '--address', jsonRpcAddress, '-c',
          'state set interface ethernet-1/49 oper-state down']);
        return;
      }
      for (const update of response.update.update) {
        const name = format(update.path);
        const value = JSON.parse(update.val.json_ietf_val.toString());
        if (synced && name.includes('/last-execution/')) {
          lastExecutionChanged = true;
        }
        if (!name.endsWith('/statistics/execution-count')) {
          continue;
        }
        if (!synced) {
          initialCount = Number(value);
        } else if (Number(value) > initialCount) {
          clearTimeout(timer);
          check(true, `Subscribe sees execution-count ${initialCount} -> ${value} at ${name}`);
          check(lastExecutionChanged || response.update.update.some(
              (u) => format(u.path).includes('/last-execution/')),
              'Subscribe sees last-execution change');
          check(response.update.prefix && response.update.prefix.target === 'node1',
              'prefix.target echoed');
          stream.cancel();
          resolve();
        }
      }
    });
    stream.on('error', (error) => {
      if (error.code !== grpc.status.CANCELLED) {
        clearTimeout(timer);
        reject(error);
      }
    });
    stream.write({
      subscribe: {
        prefix: { elem: [], target: 'node1' },
        mode: 'STREAM',
        encoding: 'JSON_IETF',
        subscription: [
          { path: path('system/event-handler/instance[name=*]/statistics'), mode: 'ON_CHANGE' },
          { path: path('system/event-handler/instance[name=*]/last-execution'),
            mode: 'ON_CHANGE' },
        ],
      },
    });
  });
}

async function main() {
  const capabilities = await call('Capabilities', {});
  check(capabilities.gNMI_version === '0.10.0', 'Capabilities gNMI_version 0.10.0');
  check(capabilities.supported_encodings.includes('JSON_IETF'), 'Capabilities lists JSON_IETF');
  check(capabilities.supported_models.some((m) => m.name === 'srl_nokia-event-handler'),
      'Capabilities lists srl_nokia-event-handler');

  const description = 'interface[name=ethernet-1/1]/description';
  await call('Set', { update: [{ path: path(description),
    val: { json_ietf_val: Buffer.from('"set by node"') } }] });
  check(await getValue(description) === 'set by node', 'Set then Get of a description');

  let failure = null;
  try {
    await call('Set', { update: [
      { path: path(description), val: { json_ietf_val: Buffer.from('"never"') } },
      { path: path('interface[name=ethernet-1/1]/mtu'), val: { uint_val: '100' } },
    ] });
  } catch (error) {
    failure = error;
  }
  check(failure !== null && failure.code === grpc.status.ABORTED,
      'Set with an invalid mtu fails with ABORTED: ' + (failure && failure.details));
  check(await getValue(description) === 'set by node', 'failed Set changed nothing');

  await waitFor('instance opergroup up with one execution', async () => {
    const count = await getValue(
        'system/event-handler/instance[name=opergroup]/statistics/execution-count');
    return Number(count) >= 1;
  });
  await subscribeUntilExecution();
  client.close();
}

main().catch((error) => {
  console.error('FAILED: ' + (error.stack || error));
  process.exit(1);
});
