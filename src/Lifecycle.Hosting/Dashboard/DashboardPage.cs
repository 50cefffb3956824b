namespace Lifecycle.Hosting.Dashboard;

/// <summary>The dashboard's only page: polls /api/resources every two seconds and redraws the table.</summary>
internal static class DashboardPage
{
    public const string Html = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>Lifecycle AppHost</title>
        <style>
          body { font-family: system-ui, sans-serif; margin: 2rem; }
          table { border-collapse: collapse; width: 100%; }
          th, td { text-align: left; padding: .3rem .6rem; border-bottom: 1px solid #ddd; vertical-align: top; }
          .Healthy { color: #17803d; } .Failed, .Unhealthy { color: #b42318; } .Starting, .Running, .Waiting { color: #9a6700; }
          pre { margin: .3rem 0 0; max-height: 14rem; overflow: auto; background: #f6f8fa; padding: .4rem; font-size: .8rem; }
        </style>
        </head>
        <body>
        <h1>Lifecycle resources</h1>
        <p id="updated">loading…</p>
        <table>
          <thead><tr><th>Resource</th><th>State</th><th>Endpoints</th><th>Recent logs</th></tr></thead>
          <tbody id="rows"></tbody>
        </table>
        <script>
        function cell(row, text, cls) { const td = row.insertCell(); td.textContent = text; if (cls) td.className = cls; return td; }
        async function refresh() {
          try {
            const resources = await (await fetch('/api/resources')).json();
            const body = document.getElementById('rows');
            body.replaceChildren();
            for (const r of resources) {
              const row = body.insertRow();
              cell(row, r.name);
              cell(row, r.exitCode != null && r.state === 'Failed' ? `Failed (${r.exitCode})` : r.state, r.state);
              const links = cell(row, '');
              for (const [name, url] of Object.entries(r.endpoints)) {
                const a = document.createElement('a'); a.href = url; a.textContent = `${name}: ${url}`;
                links.append(a, document.createElement('br'));
              }
              const details = document.createElement('details');
              const summary = document.createElement('summary'); summary.textContent = `${r.recentLogs.length} lines`;
              const pre = document.createElement('pre'); pre.textContent = r.recentLogs.join('\n');
              details.append(summary, pre);
              cell(row, '').append(details);
            }
            document.getElementById('updated').textContent = 'updated ' + new Date().toLocaleTimeString();
          } catch (e) {
            document.getElementById('updated').textContent = 'AppHost not reachable: ' + e;
          }
        }
        refresh();
        setInterval(refresh, 2000);
        </script>
        </body>
        </html>
        """;
}
