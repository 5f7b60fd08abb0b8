import { Layout } from "../../ui/components/layout/layout.js";
import type { PageContext } from "../../ui/context.js";

/** A sign-in the provider or Lotsen refused, in words, with the way to try again. */
export function SignInFailedPage({ ctx, message }: { ctx: PageContext; message: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("sso.failed_title")}>
      <h1>{t("sso.failed_title")}</h1>
      <p role="alert">{message}</p>
      <p>
        <a href="/logga-in">{t("sso.try_again")}</a>
      </p>
    </Layout>
  );
}

/**
 * After Lotsen's own logout, the way to end the provider's session too: a link, since the
 * content security policy lets a form post lead only to Lotsen (`form-action 'self'`).
 */
export function ProviderLogoutPage({ ctx, logoutUrl }: { ctx: PageContext; logoutUrl: string | null }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("sso.logged_out_title")}>
      <h1>{t("sso.logged_out_title")}</h1>
      {logoutUrl ? (
        <>
          <p>{t("sso.provider_logout_text")}</p>
          <p>
            <a class="button button-primary" href={logoutUrl}>
              {t("sso.provider_logout")}
            </a>
          </p>
        </>
      ) : null}
      <p>
        <a href="/logga-in">{t("sso.back_to_login")}</a>
      </p>
    </Layout>
  );
}
