// Runs named scenarios one after another and reports them twice: a line per scenario on stderr for people,
// and one JSON line on stdout for the C# tests, which assert both the exit code and that line.
// Usage of every client script: node <script> <server-address> [scenario ...]   (no scenario = all)
// Scripts that need no server (withoutAddress) take only the scenario names.

/** Runs the scenarios picked on the command line; exits 1 when any failed, 2 on bad usage. */
export async function runScenarios(client, scenarios, { argv = process.argv.slice(2), withoutAddress = false, setUp, tearDown } = {}) {
  const [address, ...picked] = withoutAddress ? [undefined, ...argv] : argv;
  if ((!withoutAddress && !/^https?:\/\//.test(address ?? "")) || picked.some((name) => !(name in scenarios))) {
    const known = Object.keys(scenarios).join(", ");
    const usage = withoutAddress ? "[scenario ...]" : "http://127.0.0.1:PORT [scenario ...]";
    process.stderr.write(`usage: node <script> ${usage}\nscenarios: ${known}\n`);
    process.exitCode = 2;
    return;
  }

  const names = picked.length > 0 ? picked : Object.keys(scenarios);
  const passed = [];
  const failed = [];
  const context = setUp ? await setUp(address) : { address };
  try {
    for (const name of names) {
      try {
        await scenarios[name](context);
        passed.push(name);
        process.stderr.write(`ok   ${client} ${name}\n`);
      } catch (error) {
        failed.push({ scenario: name, error: describe(error) });
        process.stderr.write(`FAIL ${client} ${name}: ${describe(error)}\n`);
      }
    }
  } finally {
    if (tearDown) await tearDown(context);
  }

  process.stdout.write(`${JSON.stringify({ client, passed, failed })}\n`);
  process.exitCode = failed.length === 0 ? 0 : 1;
}

function describe(error) {
  if (error && typeof error === "object" && "message" in error) {
    const code = "code" in error ? ` (code ${error.code})` : "";
    return `${error.message}${code}`;
  }
  return String(error);
}
