// A real OpenID provider for the tests (issue 40): the certified `oidc-provider` package,
// installed by the tests' harness or .ci/run under target/oidc. One confidential client with
// PKCE required; its development login form accepts any login and password, and the account
// `X` has the verified address `X@mintrabajo.gob.gt` (so `comite` is the test user `comite`).
//
// Usage: node tests/oidc/provider.mjs REDIRECT_URI
// Listens on a port the system picks (a port chosen beforehand could be taken by another test's
// connection before the provider binds it) and prints "ready PORT" once it listens.
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = process.env.OIDC_PROVIDER_DIR || path.resolve('target/oidc');
const require = createRequire(path.join(root, 'package.json'));
const { default: Provider } = await import(require.resolve('oidc-provider'));

const [redirectUri] = process.argv.slice(2);
const server = http.createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address();
const issuer = `http://127.0.0.1:${port}`;
const provider = new Provider(issuer, {
  clients: [{
    client_id: 'tramites',
    client_secret: 'secreto-del-cliente-de-prueba',
    redirect_uris: [redirectUri],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
  }],
  pkce: { required: () => true },
  claims: { openid: ['sub'], email: ['email', 'email_verified'] },
  features: { devInteractions: { enabled: true } },
  async findAccount(ctx, id) {
    return {
      accountId: id,
      async claims() {
        return { sub: id, email: `${id}@mintrabajo.gob.gt`, email_verified: true };
      },
    };
  },
  ttl: { IdToken: 60, AccessToken: 60, AuthorizationCode: 60, Interaction: 600, Session: 600, Grant: 600 },
});
provider.proxy = false;
server.on('request', provider.callback());
console.log(`ready ${port}`);
