import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

/** A person at the test identity provider: what its ID token and user info say. */
export interface ProviderAccount {
  email?: string;
  email_verified?: boolean;
  name?: string;
  groups?: string[];
}

export interface TestProvider {
  issuer: string;
  accounts: Record<string, ProviderAccount>;
  close: () => Promise<void>;
}

/**
 * A real OpenID Connect provider (oidc-provider) on the loopback, with its development sign-in
 * pages: any login name that is an account here signs in. Groups come as the `groups` claim
 * of the `groups` scope, in the user info (the ID token keeps to the standard's claims).
 */
export async function startProvider(client: {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  accounts: Record<string, ProviderAccount>;
}): Promise<TestProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: client.clientId,
        client_secret: client.clientSecret,
        redirect_uris: client.redirectUris,
        post_logout_redirect_uris: client.postLogoutRedirectUris,
        response_types: ["code"],
        grant_types: ["authorization_code"],
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"], groups: ["groups"] },
    scopes: ["openid", "groups"],
    findAccount: (_ctx, id) => {
      const account = client.accounts[id];
      return account ? { accountId: id, claims: () => ({ sub: id, ...account }) } : undefined;
    },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    cookies: { keys: ["lotsen-test-provider"] },
  });
  // Plain HTTP on the loopback: the provider's cookies are not Secure, as no TLS is there.
  server.on("request", provider.callback());
  return {
    issuer,
    accounts: client.accounts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Signs in at the provider as a browser would, without one: follows the authorisation
 * address, posts the login name and the consent on its development pages, and answers the
 * address the provider sends back to Lotsen (with the code and the state).
 */
export async function signInAtProvider(authorizationUrl: string, login: string): Promise<URL> {
  const jar = new Map<string, string>();
  const remember = (response: Response) => {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const [name, ...value] = pair!.split("=");
      jar.set(name!.trim(), value.join("="));
    }
  };
  const cookieHeader = () => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
  let url = new URL(authorizationUrl);
  let form: Record<string, string> | undefined;
  for (let hop = 0; hop < 20; hop++) {
    const response = await fetch(url, {
      method: form ? "POST" : "GET",
      redirect: "manual",
      headers: { cookie: cookieHeader(), ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    });
    remember(response);
    form = undefined;
    const location = response.headers.get("location");
    if (location) {
      const target = new URL(location, url);
      if (target.origin !== url.origin && !target.href.startsWith(new URL(authorizationUrl).origin)) {
        return target;
      }
      url = target;
      continue;
    }
    const page = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
    if (!action) {
      const text = page
        .replace(/<style>[\s\S]*?<\/style>/g, "")
        .replace(/<[^>]+>/g, " ")
        .replace(/\s+/g, " ");
      throw new Error(`The provider answered ${response.status} at ${url.pathname} without a form: ${text.slice(0, 400)}`);
    }
    url = new URL(action.replace(/&amp;/g, "&"), url);
    form = page.includes('name="login"') ? { prompt: "login", login, password: "any" } : { prompt: "consent" };
  }
  throw new Error("The provider never sent the browser back");
}
