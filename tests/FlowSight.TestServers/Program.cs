// Placeholder entry point; the Binance replay server adds its command line here.
return 0;
