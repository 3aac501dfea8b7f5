// The depth chart: cumulative bid and ask size against price, as stepped areas around the mid price.
import { CanvasPanel, colours } from './canvas.js';
import { decimalsOf, size } from './format.js';

export class DepthChart extends CanvasPanel {
  constructor(canvas) {
    super(canvas);
    this.book = null;
    this.instrument = null;
  }

  setInstrument(instrument) {
    this.instrument = instrument;
    this.book = null;
    this.invalidate();
  }

  setBook(book) {
    if (!this.instrument || book.instrument !== this.instrument.id) return;
    this.book = book;
    this.invalidate();
  }

  paint(ctx, w, h) {
    const book = this.book;
    ctx.font = '11px ui-monospace, Menlo, Consolas, monospace';
    if (!book || !book.bids.length || !book.asks.length) {
      ctx.fillStyle = colours.muted;
      ctx.fillText('depth: waiting for the book…', 8, 14);
      return;
    }
    const bestBid = book.bids[0].price;
    const bestAsk = book.asks[0].price;
    const mid = (bestBid + bestAsk) / 2;
    // The narrower side's reach at its 90th-percentile level: a few far levels (our own resting orders, a stray
    // quote) would otherwise flatten the chart.
    const reach = (levels) => Math.abs(levels[Math.floor(0.9 * (levels.length - 1))].price - mid);
    const half = Math.max(Math.min(reach(book.bids), reach(book.asks)), bestAsk - mid) || 1;
    const lo = mid - half;
    const hi = mid + half;
    const x = (p) => ((p - lo) / (hi - lo)) * w;
    const bottom = h - 14;
    let cb = 0;
    const bidPts = book.bids.filter((l) => l.price >= lo).map((l) => [l.price, (cb += l.size)]);
    let ca = 0;
    const askPts = book.asks.filter((l) => l.price <= hi).map((l) => [l.price, (ca += l.size)]);
    const maxY = Math.max(cb, ca, 1e-12);
    const y = (v) => bottom - (v / maxY) * (bottom - 12);

    const area = (pts, line, fill) => {
      ctx.beginPath();
      ctx.moveTo(x(pts[0][0]), bottom);
      let prevY = bottom;
      for (const [p, v] of pts) {
        ctx.lineTo(x(p), prevY);
        prevY = y(v);
        ctx.lineTo(x(p), prevY);
      }
      const edge = pts === bidPts ? 0 : w;
      ctx.lineTo(edge, prevY);
      ctx.lineTo(edge, bottom);
      ctx.closePath();
      ctx.fillStyle = fill;
      ctx.fill();
      ctx.strokeStyle = line;
      ctx.stroke();
    };
    area(bidPts, colours.bid, colours.bidBar);
    area(askPts, colours.ask, colours.askBar);

    const decimals = this.instrument ? decimalsOf(this.instrument.tickSize) : 2;
    ctx.fillStyle = colours.muted;
    ctx.textBaseline = 'alphabetic';
    ctx.textAlign = 'left';
    ctx.fillText(lo.toFixed(decimals), 2, h - 2);
    ctx.textAlign = 'center';
    ctx.fillText(mid.toFixed(decimals), w / 2, h - 2);
    ctx.textAlign = 'right';
    ctx.fillText(hi.toFixed(decimals), w - 2, h - 2);
    ctx.textAlign = 'left';
    ctx.fillText(`Σ bids ${size(cb)}`, 4, 10);
    ctx.textAlign = 'right';
    ctx.fillText(`Σ asks ${size(ca)}`, w - 4, 10);
    ctx.strokeStyle = colours.grid;
    ctx.beginPath();
    ctx.moveTo(w / 2 + 0.5, 0);
    ctx.lineTo(w / 2 + 0.5, bottom);
    ctx.stroke();
  }
}
