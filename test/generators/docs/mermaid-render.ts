import { existsSync } from "node:fs";

/** Debian's Chromium; mermaid-cli drives it through puppeteer (never a downloaded browser). */
export const CHROMIUM = process.env.PUPPETEER_EXECUTABLE_PATH ?? "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--headless",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
] as const;

export function chromiumMissing(): string | undefined {
  return existsSync(CHROMIUM) ? undefined : `no browser at ${CHROMIUM} (apt-get install chromium)`;
}

export interface MermaidRenderer {
  render(source: string, format: "svg" | "png"): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** One headless Chromium for many diagrams: mermaid-cli's `renderMermaid`, which throws on a syntax error. */
export async function openMermaidRenderer(): Promise<MermaidRenderer> {
  const { default: puppeteer } = await import("puppeteer");
  const { renderMermaid } = await import("@mermaid-js/mermaid-cli");
  const browser = await puppeteer.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS], headless: true });
  return {
    async render(source, format) {
      const { data } = await renderMermaid(browser, source, format, {
        backgroundColor: "white",
        viewport: { width: 1600, height: 1200, deviceScaleFactor: 1 },
      });
      return data;
    },
    close: () => browser.close(),
  };
}
