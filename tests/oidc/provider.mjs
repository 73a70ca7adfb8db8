// A real OpenID provider for the tests (issue 40): the certified `oidc-provider` package,
// installed by the tests' harness or .ci/run under target/oidc. One confidential client with
// PKCE required; its development login form accepts any login and password, and the account
// `X` has the verified address `X@mintrabajo.gob.gt` (so `comite` is the test user `comite`).
//
// Usage: node tests/oidc/provider.mjs PORT REDIRECT_URI
// Prints "ready" on standard output once it listens.
import { createRequire } from 'node:module';
import path from 'node:path';

const root = process.env.OIDC_PROVIDER_DIR || path.resolve('target/oidc');
const require = createRequire(path.join(root, 'package.json'));
const { default: Provider } = await import(require.resolve('oidc-provider'));

const [port, redirectUri] = process.argv.slice(2);
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
provider.listen(Number(port), '127.0.0.1', () => console.log('ready'));
