// Owns the title types the dashboard lists: the choices of the type switch, each a set of IMDb types,
// and what a title's type is called. IMDb's types are hardcoded: they change once in years.

/** IMDb's title types, as the API names them (the 400 of /titles/top lists the same). */
export const ALL_TYPES = ['movie', 'short', 'tvEpisode', 'tvSeries', 'tvMiniSeries', 'tvMovie', 'tvSpecial',
  'tvShort', 'video', 'videoGame', 'tvPilot'];

// key: the route's value (movies, the default, is absent from the route); noun: what the lists call them.
export const CHOICES = [
  { key: 'movies', label: 'Movies', types: ['movie'], noun: 'movies', plural: 'Movies' },
  { key: 'series', label: 'Series', types: ['tvSeries', 'tvMiniSeries'], noun: 'series', plural: 'Series' },
  { key: 'episodes', label: 'Episodes', types: ['tvEpisode'], noun: 'episodes', plural: 'Episodes' },
  { key: 'shorts', label: 'Shorts', types: ['short', 'tvShort'], noun: 'shorts', plural: 'Shorts' },
  { key: 'tv-movies', label: 'TV movies', types: ['tvMovie'], noun: 'TV movies', plural: 'TV movies' },
  { key: 'video-games', label: 'Video games', types: ['videoGame'], noun: 'video games', plural: 'Video games' },
  { key: 'all', label: 'All types', types: ALL_TYPES, noun: 'titles', plural: 'Titles' },
];

export const MOVIES = CHOICES[0];

/** The choice a route value names; anything else (and null) is movies. */
export const choice = (key) => CHOICES.find((c) => c.key === key) || MOVIES;

/** The movies choice keeps the movie endpoints (/movies/top, /genres): the rest read the catalogue's. */
export const isMovies = (selected) => selected.key === MOVIES.key;

// Series-like types have episodes pointing at them, and a series page.
const SERIES_TYPES = new Set(['tvSeries', 'tvMiniSeries']);
export const isSeries = (titleType) => SERIES_TYPES.has(titleType);

const NAMES = {
  movie: 'Movie', short: 'Short', tvEpisode: 'Episode', tvSeries: 'TV series', tvMiniSeries: 'TV mini-series',
  tvMovie: 'TV movie', tvSpecial: 'TV special', tvShort: 'TV short', video: 'Video', videoGame: 'Video game',
  tvPilot: 'TV pilot',
};

/** A title type in words: tvMiniSeries -> TV mini-series; an unknown one as it is. */
export const typeName = (titleType) => NAMES[titleType] || titleType || '—';
