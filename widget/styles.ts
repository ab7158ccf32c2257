/**
 * The loader's own look, inside its shadow root only: the frame's border, the
 * launcher button and its panel. Colours match the embed page
 * (components/styles.css). Nothing here reaches the intranet page's styles.
 */
export const STYLES = `
:host{display:block;font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#1c2127}
:host([hidden]),[hidden]{display:none!important}
*{box-sizing:border-box}
.frame{display:block;width:100%;min-width:280px;border:1px solid #d5dbe1;border-radius:6px;background:#fff;color-scheme:light}
.note{margin:0;padding:.6rem .8rem;border:1px solid #d5dbe1;border-radius:6px;background:#f4f6f8;color:#56606b}
button{font:inherit;cursor:pointer}
button:focus-visible{outline:3px solid #1a66d2;outline-offset:2px}
.launcher{position:fixed;right:1rem;bottom:1rem;z-index:2147483000;padding:.6rem 1.1rem;border:0;border-radius:999px;background:#0a5a75;color:#fff;font-weight:600;box-shadow:0 2px 8px rgba(0,0,0,.25)}
.launcher:hover{background:#07445a}
.panel{position:fixed;right:1rem;bottom:4.25rem;z-index:2147483000;width:min(26rem,calc(100vw - 2rem));display:flex;flex-direction:column;background:#fff;border:1px solid #d5dbe1;border-radius:8px;box-shadow:0 6px 24px rgba(0,0,0,.22);overflow:hidden}
.panel[hidden]{display:none}
.bar{display:flex;align-items:center;justify-content:space-between;padding:.35rem .5rem .35rem .8rem;background:#0a5a75;color:#fff;font-weight:600}
.close{border:0;background:none;color:#fff;font-size:1.4rem;line-height:1;padding:.1rem .45rem;border-radius:4px}
.panel .frame{border:0;border-radius:0;max-height:min(40rem,calc(100vh - 9rem))}
.panel .note{border:0;border-radius:0}
`;
