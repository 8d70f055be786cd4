// The admin playground: GraphiQL with a sign-in bar and one-click example operations.
// Plain browser JavaScript on React's UMD build (no bundler, nothing fetched from elsewhere).
// The session is kept for this tab only (sessionStorage, gone when the tab closes) and its access
// token is exchanged with the refresh token before it expires.
(() => {
  'use strict';
  const { createElement: h, useState, useEffect, useMemo, useRef } = React;

  const ENDPOINT = '/graphql';
  const STORE_KEY = 'gongkai.playground.session';
  const SESSION_FIELDS = `accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt
    viewer { username displayName grants { role orgUnit { name } } }`;
  const LOGIN = `mutation PlaygroundLogin($input: LoginInput!) { login(input: $input) {
    __typename ... on LoginPayload { ${SESSION_FIELDS} } ... on Error { message } } }`;
  const REFRESH = `mutation PlaygroundRefresh($input: RefreshTokenInput!) { refreshToken(input: $input) {
    __typename ... on RefreshTokenPayload { ${SESSION_FIELDS} } ... on Error { message } } }`;
  const LOGOUT = 'mutation PlaygroundLogout($input: LogoutInput!) { logout(input: $input) { ok } }';
  const WELCOME = [
    '# 公开 Gongkai GraphQL 调试台',
    '#',
    '# 在上方登录后，文档（左侧 Docs）显示完整的接口说明；左侧「例」面板可一键载入各角色的示例操作。',
    '# Sign in above to load the schema docs; the 例 panel on the left loads ready operations for each role.',
    '',
    '{',
    '  releases(first: 5) {',
    '    totalCount',
    '    edges { node { indexNo title publishedAt publisher { name } } }',
    '  }',
    '}',
    '',
  ].join('\n');

  async function call(query, variables, token) {
    const headers = { 'content-type': 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    const response = await fetch(ENDPOINT, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    const body = await response.json();
    if (body.errors && body.errors.length > 0) throw new Error(body.errors.map((e) => e.message).join('; '));
    return body.data;
  }

  function loadSession() {
    try {
      return JSON.parse(sessionStorage.getItem(STORE_KEY));
    } catch {
      return null;
    }
  }

  function saveSession(session) {
    if (session) sessionStorage.setItem(STORE_KEY, JSON.stringify(session));
    else sessionStorage.removeItem(STORE_KEY);
  }

  /** Milliseconds until the token should be refreshed: a minute before it expires (half its life when shorter). */
  function refreshDelay(session) {
    const left = Date.parse(session.accessTokenExpiresAt) - Date.now();
    return Math.max(0, left - Math.min(60_000, left / 2));
  }

  function SignInForm({ onSession, onError, busy, setBusy }) {
    const [username, setUsername] = useState('');
    const [password, setPassword] = useState('');
    const submit = async (event) => {
      event.preventDefault();
      setBusy(true);
      try {
        const result = (await call(LOGIN, { input: { username, password } })).login;
        if (result.__typename !== 'LoginPayload') throw new Error(result.message);
        setPassword('');
        onSession(result);
      } catch (error) {
        onError(`登录失败 — ${error.message}`);
      } finally {
        setBusy(false);
      }
    };
    return h(
      'form',
      { onSubmit: submit, 'aria-label': '登录 sign in' },
      h('input', { id: 'gk-username', name: 'username', placeholder: '用户名 username', autoComplete: 'username', value: username, onChange: (e) => setUsername(e.target.value), required: true }),
      h('input', { id: 'gk-password', name: 'password', type: 'password', placeholder: '密码 password', autoComplete: 'current-password', value: password, onChange: (e) => setPassword(e.target.value), required: true }),
      h('button', { id: 'gk-signin', type: 'submit', disabled: busy }, '登录 Sign in'),
    );
  }

  function Identity({ session, onSignOut, busy }) {
    const { viewer } = session;
    const roles = viewer.grants.map((g) => `${g.role} · ${g.orgUnit.name}`).join('；') || '无角色 no role';
    return h(
      'span',
      { id: 'gk-identity' },
      h('span', null, `已登录 ${viewer.displayName}（${viewer.username}）`),
      ' ',
      h('span', { className: 'gk-roles', id: 'gk-roles' }, roles),
      ' ',
      h('button', { id: 'gk-signout', type: 'button', onClick: onSignOut, disabled: busy }, '退出 Sign out'),
    );
  }

  function ExamplesPanel({ examples, onLoad }) {
    const groups = [];
    for (const op of examples) {
      let group = groups.find((g) => g.name === op.group);
      if (!group) groups.push((group = { name: op.group, ops: [] }));
      group.ops.push(op);
    }
    return h(
      'div',
      { className: 'gk-examples' },
      h('div', { className: 'graphiql-doc-explorer-title' }, '示例操作'),
      groups.map((group) =>
        h(
          'section',
          { key: group.name },
          h('h3', null, group.name),
          group.ops.map((op) =>
            h('button', { key: op.name, type: 'button', 'data-operation': op.name, title: op.source, onClick: () => onLoad(op) }, op.name, op.description ? h('small', null, op.description) : null),
          ),
        ),
      ),
    );
  }

  function App() {
    const [session, setSession] = useState(loadSession);
    const [message, setMessage] = useState('');
    const [busy, setBusy] = useState(false);
    const [examples, setExamples] = useState([]);
    const [loaded, setLoaded] = useState({ query: undefined, variables: undefined, count: 0 });

    useEffect(() => {
      fetch('/playground/assets/operations.json')
        .then((r) => r.json())
        .then(setExamples, () => setMessage('示例操作加载失败 — could not load the example operations'));
    }, []);

    // Keep the session for the tab, and exchange the access token before it expires.
    useEffect(() => {
      saveSession(session);
      if (!session) return undefined;
      const timer = setTimeout(async () => {
        try {
          const result = (await call(REFRESH, { input: { refreshToken: session.refreshToken } })).refreshToken;
          if (result.__typename !== 'RefreshTokenPayload') throw new Error(result.message);
          setSession(result);
        } catch (error) {
          setSession(null);
          setMessage(`会话已结束，请重新登录 — the session ended: ${error.message}`);
        }
      }, refreshDelay(session));
      return () => clearTimeout(timer);
    }, [session]);

    // The fetcher reads the current token at each request; it is rebuilt only when the person
    // changes, which makes GraphiQL load the schema again (staff see it, anonymous callers may not).
    const token = useRef(null);
    token.current = session ? session.accessToken : null;
    const who = session ? session.viewer.username : null;
    const fetcher = useMemo(
      () =>
        GraphiQL.createFetcher({
          url: ENDPOINT,
          fetch: (url, init) => {
            const headers = { ...init.headers };
            if (token.current) headers.authorization = `Bearer ${token.current}`;
            return fetch(url, { ...init, headers });
          },
        }),
      [who],
    );

    const signOut = async () => {
      setBusy(true);
      try {
        await call(LOGOUT, { input: { refreshToken: session.refreshToken } }, session.accessToken);
        setMessage('已退出 — signed out');
      } catch (error) {
        setMessage(`退出时出错（本页会话已清除） — ${error.message}`);
      } finally {
        setSession(null);
        setBusy(false);
      }
    };

    const load = (op) =>
      setLoaded((previous) => ({
        // A changed value is what makes GraphiQL replace the editor's text: loading the same
        // operation again after editing it alternates a trailing newline.
        query: op.document + (previous.count % 2 === 0 ? '\n' : ''),
        variables: op.variables,
        count: previous.count + 1,
      }));

    const plugins = useMemo(
      () => [{ title: '示例操作 Examples', icon: () => h('span', { className: 'gk-examples-icon' }, '例'), content: () => h(ExamplesPanel, { examples, onLoad: load }) }],
      [examples],
    );

    return h(
      React.Fragment,
      null,
      h(
        'header',
        { className: 'gk-bar' },
        h('strong', null, '公开 Gongkai'),
        h('span', null, 'GraphQL 调试台'),
        h('span', { className: 'gk-spacer' }),
        message ? h('span', { className: 'gk-error', id: 'gk-message', role: 'status' }, message) : null,
        session
          ? h(Identity, { session, onSignOut: signOut, busy })
          : h(SignInForm, { onSession: (s) => (setMessage(''), setSession(s)), onError: setMessage, busy, setBusy }),
      ),
      h(
        'main',
        { className: 'gk-main' },
        h(GraphiQL, {
          fetcher,
          plugins,
          defaultQuery: WELCOME,
          query: loaded.query,
          variables: loaded.variables,
          // Headers typed into the editor (tokens among them) stay out of localStorage.
          shouldPersistHeaders: false,
        }),
      ),
    );
  }

  ReactDOM.createRoot(document.getElementById('root')).render(h(App));
})();
