import SMTPConnection, { type SMTPConnectionAuth, type SMTPConnectionOptions, type SMTPEnvelope } from "nodemailer/lib/smtp-connection";

/**
 * Open SMTP sessions to one server, each sending one message at a time. A built message
 * goes to the server as the bytes it is: nodemailer's pool would take it as a message of
 * its own, wrap it and stream it through a second set of transforms, a pass over every
 * mail that cost the campaign's sender more CPU than building it.
 *
 * A session is opened when a message finds none idle, and kept for the next. One that the
 * server ends while idle leaves the idle list as it ends; one whose exchange fails is
 * closed, unless the server refused only this message (then it is reset and kept).
 */
export class SmtpConnections {
  private readonly idle: SMTPConnection[] = [];
  private readonly open = new Set<SMTPConnection>();

  constructor(
    private readonly options: SMTPConnectionOptions,
    private readonly auth: SMTPConnectionAuth | undefined,
  ) {}

  /** Delivers one message or throws the server's error (with its `responseCode` when the server answered). */
  async send(envelope: SMTPEnvelope, message: Buffer): Promise<void> {
    const reused = this.idle.pop();
    try {
      await this.exchange(reused ?? (await this.connect()), envelope, message);
    } catch (error) {
      // The server was ending the kept session as it was picked (a 421, or already gone): none of the message went, so a new session takes it.
      if (reused === undefined || !beforeTheMessage(error)) {
        throw error;
      }
      await this.exchange(await this.connect(), envelope, message);
    }
  }

  /** Ends every session: the idle ones say goodbye, any in an exchange is cut. */
  close(): void {
    const idle = new Set(this.idle.splice(0));
    for (const connection of [...this.open]) {
      if (idle.has(connection)) {
        connection.quit();
      } else {
        connection.close();
      }
    }
  }

  private connect(): Promise<SMTPConnection> {
    const connection = new SMTPConnection(this.options);
    this.open.add(connection);
    return new Promise((resolve, reject) => {
      let settled = false;
      const settle = (error?: Error | null) => {
        if (settled) {
          return;
        }
        settled = true;
        if (error) {
          connection.close();
          reject(error);
        } else {
          resolve(connection);
        }
      };
      // An error outside an exchange ends the session (nodemailer closes it); one during an exchange also reaches that send.
      connection.on("error", (error: Error) => settle(error));
      connection.once("end", () => {
        this.open.delete(connection);
        const at = this.idle.indexOf(connection);
        if (at >= 0) {
          this.idle.splice(at, 1);
        }
        settle(new Error("The SMTP server closed the connection before it was ready"));
      });
      connection.connect((error) => {
        if (error) {
          settle(error);
        } else if (this.auth && connection.allowsAuth) {
          connection.login(this.auth, (loginError) => settle(loginError));
        } else {
          settle();
        }
      });
    });
  }

  private async exchange(connection: SMTPConnection, envelope: SMTPEnvelope, message: Buffer): Promise<void> {
    try {
      await new Promise<void>((resolve, reject) => connection.send(envelope, message, (error) => (error ? reject(error) : resolve())));
    } catch (error) {
      await this.afterFailure(connection, error);
      throw error;
    }
    this.idle.push(connection);
  }

  /** A refusal of this message alone (a recipient or the content, not 421) leaves the session fit for the next once reset. */
  private async afterFailure(connection: SMTPConnection, error: unknown): Promise<void> {
    const { code, responseCode } = error as { code?: string; responseCode?: number };
    if ((code === "EENVELOPE" || code === "EMESSAGE") && responseCode !== undefined && responseCode !== 421) {
      const reset = await new Promise<boolean>((resolve) => connection.reset((resetError) => resolve(!resetError)));
      if (reset) {
        this.idle.push(connection);
        return;
      }
    }
    connection.close();
  }
}

/** The exchange failed before any of the message was sent: on a closed session, or at its first command with the server closing. */
function beforeTheMessage(error: unknown): boolean {
  const { command, code, responseCode } = error as { command?: string; code?: string; responseCode?: number };
  return command === "API" || (command === "MAIL FROM" && (responseCode === 421 || code === "ECONNECTION"));
}
