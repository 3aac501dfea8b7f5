// The candlestick chart with volume (TradingView's lightweight-charts): history from GET /api/candles, then the
// WebSocket's candle pushes merged in (the open candle replaced in place, new ones appended).
import { CandlestickSeries, ColorType, createChart, HistogramSeries } from 'lightweight-charts';
import { canonical, decimalsOf } from './format.js';

const MAX_BARS = 2000;
const UP = '#26a69a';
const DOWN = '#ef5350';

export class CandleChart {
  constructor(container) {
    this.container = container;
    this.chart = createChart(container, {
      autoSize: true,
      layout: { background: { type: ColorType.Solid, color: 'transparent' }, textColor: '#adb5bd', fontSize: 11, attributionLogo: false },
      grid: { vertLines: { color: 'rgba(255,255,255,0.05)' }, horzLines: { color: 'rgba(255,255,255,0.05)' } },
      rightPriceScale: { borderColor: 'rgba(255,255,255,0.15)' },
      timeScale: { borderColor: 'rgba(255,255,255,0.15)', timeVisible: true, secondsVisible: false },
      crosshair: { mode: 0 },
    });
    this.candles = this.chart.addSeries(CandlestickSeries, {
      upColor: UP, downColor: DOWN, borderVisible: false, wickUpColor: UP, wickDownColor: DOWN,
    });
    this.candles.priceScale().applyOptions({ scaleMargins: { top: 0.05, bottom: 0.25 } });
    this.volume = this.chart.addSeries(HistogramSeries, { priceFormat: { type: 'volume' }, priceScaleId: '', lastValueVisible: false, priceLineVisible: false });
    this.volume.priceScale().applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
    this.bars = [];
    this.interval = '1m';
    this.onLast = () => {};
  }

  /** Clears the chart for a new instrument or interval. */
  reset(instrument, interval) {
    this.interval = interval;
    this.bars = [];
    this.candles.setData([]);
    this.volume.setData([]);
    if (instrument) {
      const precision = decimalsOf(instrument.tickSize);
      this.candles.applyOptions({ priceFormat: { type: 'price', precision, minMove: Number(instrument.tickSize) } });
    }
    this.chart.applyOptions({ timeScale: { secondsVisible: interval === '1s' } });
    this.publish();
  }

  static bar(c) {
    return { time: Math.floor(c.openTime / 1000), open: c.open, high: c.high, low: c.low, close: c.close, volume: c.volume };
  }

  static vol(b) {
    return { time: b.time, value: b.volume, color: b.close >= b.open ? 'rgba(38,166,154,0.45)' : 'rgba(239,83,80,0.45)' };
  }

  /**
   * Merges candles (oldest first): the usual push (the open candle and maybe the one just closed) becomes in-place
   * updates; anything older than the last bar, or a batch (history, the 500 of the first push), redraws the series.
   */
  merge(list) {
    if (!list || !list.length) return;
    let full = list.length > 2 || this.bars.length === 0;
    const updates = [];
    for (const c of list) {
      const b = CandleChart.bar(c);
      const last = this.bars[this.bars.length - 1];
      if (!last || b.time > last.time) {
        this.bars.push(b);
        updates.push(b);
      } else if (b.time === last.time) {
        this.bars[this.bars.length - 1] = b;
        updates.push(b);
      } else {
        const i = this.find(b.time);
        if (i >= 0 && this.bars[i].time === b.time) this.bars[i] = b;
        else this.bars.splice(i + 1, 0, b);
        full = true;
      }
    }
    if (this.bars.length > MAX_BARS) {
      this.bars.splice(0, this.bars.length - MAX_BARS);
      full = true;
    }
    if (full) {
      this.candles.setData(this.bars);
      this.volume.setData(this.bars.map(CandleChart.vol));
    } else {
      for (const b of updates) {
        this.candles.update(b);
        this.volume.update(CandleChart.vol(b));
      }
    }
    this.publish();
  }

  /** Index of the last bar with time ≤ t (−1 when none). */
  find(t) {
    let lo = 0;
    let hi = this.bars.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.bars[mid].time <= t) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  publish() {
    const last = this.bars[this.bars.length - 1];
    this.container.dataset.candles = String(this.bars.length);
    this.container.dataset.lastClose = last ? canonical(last.close) : '';
    this.onLast(last);
  }
}
