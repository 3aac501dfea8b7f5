// The order book ladder on a canvas (seed 000's UnifiedOrderBookWidget): asks above, the spread row, bids below;
// levels aggregated to the selected price step (tick × 1, 10, 100, …: seed 000's price_precision); cumulative depth
// bars; our open orders marked. Drawing never touches the DOM layout: only the canvas and its data-* attributes.
import { CanvasPanel, colours } from './canvas.js';
import { canonical, decimalsOf, size } from './format.js';

const ROW_H = 18;
const FONT = '12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace';

export class BookLadder extends CanvasPanel {
  constructor(canvas, { maxVisibleRows = 25 } = {}) {
    super(canvas);
    this.maxVisibleRows = maxVisibleRows;
    this.book = null;
    this.instrument = null;
    this.multiplier = 1;
    this.orders = [];
    this.updates = 0;
  }

  setInstrument(instrument) {
    this.instrument = instrument;
    this.book = null;
    this.orders = [];
    this.canvas.dataset.bestBid = '';
    this.canvas.dataset.bestAsk = '';
    this.canvas.dataset.orderPrices = '';
    this.invalidate();
  }

  /** The (aggregated) price of the row at a CSS-pixel y, or null (a click fills the ticket's price). */
  priceAt(y) {
    const hit = this.rows?.find((r) => y >= r.y && y < r.y + ROW_H);
    return hit ? hit.price : null;
  }

  setMultiplier(multiplier) {
    this.multiplier = Math.max(1, Number(multiplier) || 1);
    this.invalidate();
  }

  /** A book from the push (counted in data-updates) or from REST (not counted). */
  setBook(book, pushed) {
    if (!this.instrument || book.instrument !== this.instrument.id) return;
    this.book = book;
    this.pushed = this.pushed || pushed;
    this.invalidate();
  }

  /** Our open orders on this instrument: [{price, side}]. */
  setOrders(orders) {
    this.orders = orders;
    const prices = [...new Set(orders.map((o) => canonical(o.price)))].sort((a, b) => Number(a) - Number(b));
    this.canvas.dataset.orderPrices = prices.join(',');
    this.invalidate();
  }

  /** Levels bucketed to the step, in integer ticks so aggregation never drifts. */
  aggregate(levels, isBid, tick, mult, limit) {
    const out = [];
    for (const level of levels) {
      const ticks = Math.round(level.price / tick);
      const bucket = isBid ? Math.floor(ticks / mult) * mult : Math.ceil(ticks / mult) * mult;
      const last = out[out.length - 1];
      if (last && last.bucket === bucket) {
        last.size += Number(level.size);
      } else {
        if (out.length === limit) break;
        out.push({ bucket, size: Number(level.size) });
      }
    }
    return out;
  }

  paint(ctx, w, h) {
    this.rows = [];
    ctx.font = FONT;
    ctx.textBaseline = 'middle';
    const inst = this.instrument;
    const book = this.book;
    if (!inst || !book) {
      ctx.fillStyle = colours.muted;
      ctx.fillText(inst ? 'waiting for the book…' : 'no instrument', 8, 16);
      return;
    }
    const tick = Number(inst.tickSize) || 1;
    const mult = this.multiplier;
    const decimals = Math.max(0, decimalsOf(inst.tickSize) - Math.round(Math.log10(mult)));
    const header = ROW_H;
    const perSide = Math.max(1, Math.min(this.maxVisibleRows, Math.floor((h - header - ROW_H) / ROW_H / 2)));
    const bids = this.aggregate(book.bids, true, tick, mult, perSide);
    const asks = this.aggregate(book.asks, false, tick, mult, perSide);

    const bestBid = book.bids.length ? book.bids[0].price : null;
    const bestAsk = book.asks.length ? book.asks[0].price : null;
    this.canvas.dataset.bestBid = canonical(bestBid);
    this.canvas.dataset.bestAsk = canonical(bestAsk);
    if (this.pushed) {
      this.updates++;
      this.pushed = false;
      this.canvas.dataset.updates = String(this.updates);
    }

    let cum = 0;
    const bidCum = bids.map((l) => (cum += l.size));
    cum = 0;
    const askCum = asks.map((l) => (cum += l.size));
    const maxCum = Math.max(bidCum[bidCum.length - 1] ?? 0, askCum[askCum.length - 1] ?? 0, 1e-12);

    // Our orders by side and bucket.
    const ourBids = new Set();
    const ourAsks = new Set();
    for (const o of this.orders) {
      if (o.price === null || o.price === undefined) continue;
      const ticks = Math.round(o.price / tick);
      if (String(o.side).toLowerCase() === 'sell') ourAsks.add(Math.ceil(ticks / mult) * mult);
      else ourBids.add(Math.floor(ticks / mult) * mult);
    }

    const colPrice = 14;
    const colSize = Math.round(w * 0.62);
    const colTotal = w - 6;
    ctx.fillStyle = colours.muted;
    ctx.textAlign = 'left';
    ctx.fillText('Price', colPrice, header / 2);
    ctx.textAlign = 'right';
    ctx.fillText('Size', colSize, header / 2);
    ctx.fillText('Total', colTotal, header / 2);

    const midY = header + perSide * ROW_H;
    const row = (y, level, total, isBid, mine) => {
      this.rows.push({ y, price: (level.bucket * tick).toFixed(decimals) });
      const barW = (total / maxCum) * w;
      ctx.fillStyle = isBid ? colours.bidBar : colours.askBar;
      ctx.fillRect(w - barW, y + 1, barW, ROW_H - 2);
      ctx.fillStyle = isBid ? colours.bid : colours.ask;
      ctx.textAlign = 'left';
      ctx.fillText((level.bucket * tick).toFixed(decimals), colPrice, y + ROW_H / 2);
      ctx.fillStyle = colours.text;
      ctx.textAlign = 'right';
      ctx.fillText(size(level.size, inst.sizePrecision ?? 3), colSize, y + ROW_H / 2);
      ctx.fillStyle = colours.muted;
      ctx.fillText(size(total, inst.sizePrecision ?? 3), colTotal, y + ROW_H / 2);
      if (mine) {
        ctx.fillStyle = colours.order;
        ctx.beginPath();
        ctx.moveTo(2, y + 4);
        ctx.lineTo(10, y + ROW_H / 2);
        ctx.lineTo(2, y + ROW_H - 4);
        ctx.fill();
        ctx.strokeStyle = colours.order;
        ctx.strokeRect(0.5, y + 0.5, w - 1, ROW_H - 1);
      }
    };
    // Asks: best ask just above the spread row.
    for (let i = 0; i < asks.length; i++) {
      row(midY - (i + 1) * ROW_H, asks[i], askCum[i], false, ourAsks.has(asks[i].bucket));
    }
    // Spread row.
    ctx.fillStyle = colours.spreadBg;
    ctx.fillRect(0, midY, w, ROW_H);
    ctx.textAlign = 'left';
    ctx.fillStyle = colours.text;
    if (bestBid !== null && bestAsk !== null) {
      const spread = bestAsk - bestBid;
      const mid = (bestAsk + bestBid) / 2;
      const bps = mid > 0 ? (spread / mid) * 1e4 : 0;
      ctx.fillText(`spread ${spread.toFixed(decimalsOf(inst.tickSize))}  (${bps.toFixed(2)} bps)`, colPrice, midY + ROW_H / 2);
    }
    if (!book.inSync) {
      ctx.textAlign = 'right';
      ctx.fillStyle = colours.order;
      ctx.fillText('resyncing', colTotal, midY + ROW_H / 2);
    }
    for (let i = 0; i < bids.length; i++) {
      row(midY + (i + 1) * ROW_H, bids[i], bidCum[i], true, ourBids.has(bids[i].bucket));
    }

    // Our orders beyond the rows shown: a tag on the outermost row says where the nearest one is and how many there are.
    const beyond = (buckets, edgeBucket, outside) => [...buckets].filter((b) => outside(b, edgeBucket)).sort((a, b) => Math.abs(a - edgeBucket) - Math.abs(b - edgeBucket));
    if (bids.length) {
      const below = beyond(ourBids, bids[bids.length - 1].bucket, (b, edge) => b < edge);
      if (below.length) this.tag(ctx, w, midY + bids.length * ROW_H, `▼ ${below.length > 1 ? below.length + ' orders, nearest ' : 'our buy '}${(below[0] * tick).toFixed(decimals)}`);
    }
    if (asks.length) {
      const above = beyond(ourAsks, asks[asks.length - 1].bucket, (b, edge) => b > edge);
      if (above.length) this.tag(ctx, w, midY - asks.length * ROW_H, `▲ ${above.length > 1 ? above.length + ' orders, nearest ' : 'our sell '}${(above[0] * tick).toFixed(decimals)}`);
    }
  }

  tag(ctx, w, y, text) {
    ctx.font = FONT;
    const width = ctx.measureText(text).width + 10;
    ctx.fillStyle = 'rgba(33, 37, 41, 0.92)';
    ctx.fillRect(w - width - 4, y + 1, width, ROW_H - 2);
    ctx.strokeStyle = colours.order;
    ctx.strokeRect(w - width - 3.5, y + 1.5, width - 1, ROW_H - 3);
    ctx.fillStyle = colours.order;
    ctx.textAlign = 'left';
    ctx.fillText(text, w - width + 1, y + ROW_H / 2);
  }
}
