// Drives the demo app the way a person does: by its labelled controls. The app exposes no
// globals, so nothing here (or in the hook) can lean on names.
import type { Frame, Locator, Page } from "playwright-core";

export type DemoTransport = "websocket" | "smallwebrtc";

export class DemoApp {
  /**
   * The app's page, or the frame it runs in when another page embeds it. In an out-of-process
   * frame of a page behind the DevTools window a pointer click is sometimes lost: there the
   * buttons get a DOM click event instead (`dispatchClicks`).
   */
  constructor(
    readonly page: Page | Frame,
    private readonly options: { dispatchClicks?: boolean } = {},
  ) {}

  private async press(button: Locator): Promise<void> {
    if (this.options.dispatchClicks) await button.dispatchEvent("click");
    else await button.click();
  }

  async connect(transport: DemoTransport): Promise<void> {
    await this.page.getByLabel("Transport").selectOption(transport);
    await this.press(this.page.getByRole("button", { name: "Connect", exact: true }));
    await this.waitForState("ready");
  }

  async waitForState(state: string, timeout = 20_000): Promise<void> {
    await this.page
      .getByRole("status")
      .filter({ hasText: `state: ${state}` })
      .waitFor({ timeout });
  }

  async sendMessage(type: string, data: unknown): Promise<void> {
    await this.fillMessage(type, data);
    await this.pressSendMessage();
  }

  /** The first half of sendMessage: the message typed in, not sent. */
  async fillMessage(type: string, data: unknown): Promise<void> {
    await this.page.getByLabel("Type", { exact: true }).fill(type);
    await this.page.getByLabel("Data", { exact: true }).fill(JSON.stringify(data));
  }

  /** The second half: the app sends the typed message while this click is handled. */
  async pressSendMessage(): Promise<void> {
    await this.press(this.page.getByRole("button", { name: "Send message" }));
  }

  async sendRequest(type: string, data: unknown, timeoutMs?: number): Promise<string> {
    const result = this.page.locator("#req-result");
    await result.evaluate((element) => (element.textContent = ""));
    await this.page.getByLabel("Request type").fill(type);
    await this.page.getByLabel("Request data JSON").fill(JSON.stringify(data));
    await this.page.getByLabel("Timeout ms").fill(timeoutMs === undefined ? "" : String(timeoutMs));
    await this.press(this.page.getByRole("button", { name: "Send request" }));
    await this.page.waitForFunction(() => document.querySelector("#req-result")?.textContent !== "", null, {
      timeout: (timeoutMs ?? 10_000) + 5_000,
    });
    return (await result.textContent()) ?? "";
  }

  async startTurn(): Promise<void> {
    await this.press(this.page.getByRole("button", { name: "Start turn" }));
  }

  /** Every callback and event the app received, one line each, in order. */
  async events(): Promise<string[]> {
    return this.page.locator("#events li").allTextContents();
  }

  async serverMessages(): Promise<string[]> {
    return this.page.locator("#server-messages li").allTextContents();
  }
}
