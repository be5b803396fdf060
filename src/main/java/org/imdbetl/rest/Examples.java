package org.imdbetl.rest;

/** Example answers for the OpenAPI document, taken from the service running on the bundled sample. */
final class Examples {

    static final String MOVIE = "{\"tconst\":\"tt0111161\",\"title\":\"The Shawshank Redemption\","
            + "\"originalTitle\":\"The Shawshank Redemption\",\"year\":1994,\"runtimeMinutes\":142,\"genres\":[\"Drama\"],"
            + "\"averageRating\":9.3,\"numVotes\":2995123,\"weightedScore\":9.297198247036564}";
    static final String MOVIE_DETAIL = "{\"tconst\":\"tt0111161\",\"title\":\"The Shawshank Redemption\","
            + "\"originalTitle\":\"The Shawshank Redemption\",\"year\":1994,\"runtimeMinutes\":142,\"genres\":[\"Drama\"],"
            + "\"averageRating\":9.3,\"numVotes\":2995123,\"weightedScore\":9.297198247036564,\"rank\":1,"
            + "\"genreRanks\":{\"Drama\":1},\"explain\":{\"R\":9.3,\"v\":2995123,\"m\":3000,\"C\":6.5,"
            + "\"weightOfRating\":0.9989993739416295,\"weightOfPrior\":0.0010006260583705206}}";
    static final String TOP_MOVIES = "[" + MOVIE + ",{\"tconst\":\"tt0068646\",\"title\":\"The Godfather\","
            + "\"originalTitle\":\"The Godfather\",\"year\":1972,\"runtimeMinutes\":175,\"genres\":[\"Crime\",\"Drama\"],"
            + "\"averageRating\":9.2,\"numVotes\":2060412,\"weightedScore\":9.196074463073781}]";
    static final String GENRES = "[{\"genre\":\"Drama\",\"movieCount\":129},{\"genre\":\"Adventure\",\"movieCount\":45},"
            + "{\"genre\":\"(unknown)\",\"movieCount\":4}]";
    static final String STATUS = "{\"ingest\":{\"state\":\"COMPLETED\",\"source\":\"sample (data/sample)\",\"percentRead\":100.0,"
            + "\"rowsRead\":516,\"moviesRead\":196,\"sent\":196,\"unchanged\":0,\"sendFailed\":0,\"rejected\":0,"
            + "\"rejectedByReason\":{}},\"consumer\":{\"recordsConsumed\":196,\"deadLettered\":0,\"storeLoaded\":true},"
            + "\"store\":{\"movies\":196,\"ratedMovies\":138,\"minVotesPrior\":3000.0,\"globalMeanRating\":6.5}}";
    static final String BAD_LIMIT = "{\"status\":400,\"error\":\"Bad Request\",\"message\":\"limit must be a whole number, was 'abc'\"}";
    static final String NOT_FOUND = "{\"status\":404,\"error\":\"Not Found\",\"message\":\"no movie tt9999999 in the store\"}";
    static final String ADMIN_OFF = "{\"status\":403,\"error\":\"Forbidden\",\"message\":\"on-demand ingest is disabled; set ADMIN_TOKEN to enable it\"}";

    private Examples() {
    }
}
