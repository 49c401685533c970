/**
 * tool.js: fills the endpoint choice from endpoints.json (of the chosen product), builds one input per parameter, sends the
 * request to this same origin (form POST or GET query, as real clients do) and shows the answer.
 * Plain browser JavaScript, served as is.
 */
export const TOOL_SCRIPT = String.raw`(function () {
  'use strict';
  var endpoints = [];
  var byId = function (id) { return document.getElementById(id); };
  var ROLE = {
    webcast: { admin: 'admin only', organizer: 'organizer or admin' },
    training: { admin: 'admin only', organizer: 'teacher or admin' }
  };

  function current() {
    return endpoints[Number(byId('endpoint').value)] || null;
  }

  function field(name) {
    var row = document.createElement('div');
    row.className = 'field';
    var label = document.createElement('label');
    label.htmlFor = 'p-' + name;
    label.textContent = name;
    var input = document.createElement('input');
    input.id = 'p-' + name;
    input.name = name;
    input.dataset.param = name;
    if (/(Time|Date)$/.test(name)) input.placeholder = 'yyyy-MM-dd HH:mm:ss or epoch ms';
    row.appendChild(label);
    row.appendChild(input);
    return row;
  }

  function showEndpoint() {
    var ep = current();
    var box = byId('params');
    // Keep what was typed when switching between endpoints that share parameter names.
    var typed = {};
    box.querySelectorAll('input[data-param]').forEach(function (i) { typed[i.dataset.param] = i.value; });
    box.textContent = '';
    if (!ep) return;
    ep.params.forEach(function (name) {
      var row = field(name);
      if (typed[name]) row.querySelector('input').value = typed[name];
      box.appendChild(row);
    });
    var info = ep.documentedPath + ' \u00b7 ' + ((ROLE[byId('product').value] || {})[ep.role] || ep.role);
    if (ep.params.length === 0) info += ' \u00b7 no parameters listed: add them under "other"';
    byId('endpoint-info').textContent = info;
    var method = byId('method');
    Array.prototype.forEach.call(method.options, function (o) { o.disabled = ep.methods.indexOf(o.value) < 0; });
    if (method.selectedOptions[0] && method.selectedOptions[0].disabled) method.value = ep.methods[0];
  }

  function loadEndpoints() {
    var product = byId('product').value;
    var url = product === 'webcast' ? 'endpoints.json' : 'endpoints.json?product=' + encodeURIComponent(product);
    return fetch(url, { headers: { Accept: 'application/json' } })
      .then(function (res) { return res.json(); })
      .then(function (list) {
        endpoints = list;
        var select = byId('endpoint');
        select.textContent = '';
        list.forEach(function (ep, i) {
          var o = document.createElement('option');
          o.value = String(i);
          o.textContent = ep.summary + ' \u2014 ' + ep.documentedPath;
          select.appendChild(o);
        });
        showEndpoint();
      })
      .catch(function (err) { byId('status').textContent = 'Could not load the endpoint list: ' + err; });
  }

  function load() {
    loadEndpoints();
    var saved = window.localStorage && localStorage.getItem('lectern.tool.loginName');
    if (saved) byId('loginName').value = saved;
  }

  function formOf() {
    var body = new URLSearchParams();
    body.append('loginName', byId('loginName').value);
    body.append('password', byId('password').value);
    if (byId('sec').value) body.append('sec', byId('sec').value);
    byId('params').querySelectorAll('input[data-param]').forEach(function (i) {
      if (i.value !== '') body.append(i.dataset.param, i.value);
    });
    byId('extra').value.split('\n').forEach(function (line) {
      var t = line.trim();
      if (!t) return;
      var eq = t.indexOf('=');
      if (eq < 0) body.append(t, '');
      else body.append(t.slice(0, eq).trim(), t.slice(eq + 1).trim());
    });
    return body;
  }

  function send(ev) {
    ev.preventDefault();
    var ep = current();
    if (!ep) return;
    var body = formOf();
    var method = byId('method').value;
    var url = ep.path;
    var init = { method: method, headers: { Accept: 'application/json' } };
    if (method === 'GET') url += '?' + body.toString();
    else init.body = body;
    if (window.localStorage) localStorage.setItem('lectern.tool.loginName', byId('loginName').value);
    byId('request').textContent = method + ' ' + ep.path;
    byId('status').textContent = 'Sending\u2026';
    byId('status').className = '';
    byId('result').textContent = '';
    byId('send').disabled = true;
    fetch(url, init)
      .then(function (res) {
        return res.text().then(function (text) {
          var shown = text;
          var code = null;
          try {
            var json = JSON.parse(text);
            code = json && json.code !== undefined ? String(json.code) : null;
            shown = JSON.stringify(json, null, 2);
          } catch (e) { /* not JSON: show it as received */ }
          byId('status').textContent = 'HTTP ' + res.status + (code !== null ? ' \u00b7 code ' + code : '');
          byId('status').className = code === '0' ? 'ok' : 'fail';
          byId('result').textContent = shown;
        });
      })
      .catch(function (err) {
        byId('status').textContent = 'Request failed: ' + err;
        byId('status').className = 'fail';
      })
      .then(function () { byId('send').disabled = false; });
  }

  byId('endpoint').addEventListener('change', showEndpoint);
  byId('product').addEventListener('change', loadEndpoints);
  byId('form').addEventListener('submit', send);
  load();
})();
`;
