/**
 * The test tool page (catalog §1.9): on the left the product and endpoint choice, the fixed
 * loginName/password/sec inputs and one input per endpoint parameter (each labelled with the
 * parameter's name); on the right the answer. Plain HTML; the behaviour is in tool.js.
 */
export const TOOL_HTML = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>接口测试工具 · Interface test tool</title>
<style>
  * { box-sizing: border-box; }
  body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", sans-serif; color: #1d2733; background: #f3f5f8; }
  header { padding: 12px 20px; background: #1f3a5f; color: #fff; }
  header h1 { margin: 0; font-size: 18px; font-weight: 600; }
  header p { margin: 2px 0 0; font-size: 12px; opacity: .8; }
  main { display: grid; grid-template-columns: minmax(340px, 480px) 1fr; gap: 16px; padding: 16px 20px; align-items: start; }
  section { background: #fff; border: 1px solid #d8dee6; border-radius: 6px; padding: 14px 16px; }
  h2 { margin: 0 0 10px; font-size: 15px; }
  .field { display: grid; grid-template-columns: 110px 1fr; gap: 8px; align-items: center; margin-bottom: 8px; }
  .field label { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; overflow-wrap: anywhere; }
  input, select, textarea { width: 100%; padding: 5px 7px; border: 1px solid #b9c3cf; border-radius: 4px; font: inherit; background: #fff; }
  textarea { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; min-height: 54px; }
  fieldset { border: 1px solid #e3e8ee; border-radius: 4px; margin: 10px 0; padding: 8px 10px 2px; }
  legend { font-size: 12px; color: #5b6b7d; padding: 0 4px; }
  .hint { font-size: 12px; color: #5b6b7d; margin: 0 0 8px; }
  button { padding: 7px 18px; border: 0; border-radius: 4px; background: #2f6fb3; color: #fff; font: inherit; cursor: pointer; }
  button:disabled { background: #8aa6c4; cursor: progress; }
  #request { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; color: #394a5c; overflow-wrap: anywhere; margin: 0 0 6px; }
  #status { font-size: 12px; margin: 0 0 8px; }
  #status.ok { color: #1d7a3a; } #status.fail { color: #b3261e; }
  #result { margin: 0; min-height: 320px; max-height: calc(100vh - 190px); overflow: auto; padding: 10px 12px; background: #0f1b2a; color: #d7e3f0; border-radius: 4px; font: 12px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; white-space: pre-wrap; overflow-wrap: anywhere; }
  @media (max-width: 800px) { main { grid-template-columns: 1fr; } }
</style>
</head>
<body>
<header>
  <h1>接口测试工具 · Interface test tool</h1>
  <p>Calls this site's integration interface (<code>/integration/site/…</code>) and shows the JSON answer.</p>
</header>
<main>
  <section>
    <h2>请求 · Request</h2>
    <form id="form" autocomplete="off">
      <div class="field"><label for="product">产品</label><select id="product"><option value="webcast">直播 (Webcast)</option><option value="training">教育 (Training)</option></select></div>
      <div class="field"><label for="endpoint">接口</label><select id="endpoint"></select></div>
      <p class="hint" id="endpoint-info"></p>
      <div class="field"><label for="method">method</label><select id="method"><option>POST</option><option>GET</option></select></div>
      <fieldset>
        <legend>AUTH</legend>
        <div class="field"><label for="loginName">loginName</label><input id="loginName" name="loginName" autocomplete="username"></div>
        <div class="field"><label for="password">password</label><input id="password" name="password" type="password" autocomplete="current-password"></div>
        <div class="field"><label for="sec">sec</label><select id="sec" name="sec"><option value="">(plain password)</option><option value="true">true (password is its MD5)</option></select></div>
      </fieldset>
      <fieldset>
        <legend>参数 · Parameters</legend>
        <div id="params"></div>
        <div class="field"><label for="extra">other</label><textarea id="extra" placeholder="name=value, one per line"></textarea></div>
      </fieldset>
      <button id="send" type="submit">发送 · Send</button>
    </form>
  </section>
  <section>
    <h2>结果 · Result</h2>
    <p id="request"></p>
    <p id="status"></p>
    <pre id="result"></pre>
  </section>
</main>
<script src="tool.js"></script>
</body>
</html>
`;
