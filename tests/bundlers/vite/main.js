// The shop's page script, as a user of this bundler writes it: tests/bundlers/shared/main.js.
import '../shared/main.js';
