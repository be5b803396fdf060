#!/usr/bin/env python3
"""Write a small hand-made sample of the IMDb non-commercial dataset.

Produces title.basics.tsv.gz, title.ratings.tsv.gz and title.episode.tsv.gz
next to this script, in the exact IMDb TSV format: UTF-8, tab-separated, one header line,
\\N for null, no quoting, '\\n' line endings, rows sorted by tconst (string
order, as in the real dumps).  gzip mtime is fixed to 0 and the original
file name is not stored, so reruns are byte-identical.

Stdlib only.  Usage:  python3 make-sample.py
"""
import gzip
import io
import os
import re

N = None  # written as \N

# (tconst, titleType, primaryTitle, originalTitle, isAdult, startYear, endYear, runtimeMinutes, genres)
BASICS = [
    # ---------------------------------------------------------------- shorts (early cinema)
    ("tt0000001", "short", "Carmencita", "Carmencita", 0, 1894, N, 1, "Documentary,Short"),
    ("tt0000002", "short", "Le clown et ses chiens", "Le clown et ses chiens", 0, 1892, N, 5, "Animation,Short"),
    ("tt0000003", "short", "Pauvre Pierrot", "Pauvre Pierrot", 0, 1892, N, 5, "Animation,Comedy,Romance"),
    ("tt0000004", "short", "Un bon bock", "Un bon bock", 0, 1892, N, 12, "Animation,Short"),
    ("tt0000005", "short", "Blacksmith Scene", "Blacksmith Scene", 0, 1893, N, 1, "Comedy,Short"),
    ("tt0000006", "short", "Chinese Opium Den", "Chinese Opium Den", 0, 1894, N, 1, "Short"),
    ("tt0000007", "short", "Corbett and Courtney Before the Kinetograph", "Corbett and Courtney Before the Kinetograph", 0, 1894, N, 1, "Short,Sport"),
    ("tt0000008", "short", "Edison Kinetoscopic Record of a Sneeze", "Edison Kinetoscopic Record of a Sneeze", 0, 1894, N, 1, "Documentary,Short"),
    ("tt0000010", "short", "Leaving the Factory", "La sortie de l'usine Lumière à Lyon", 0, 1895, N, 1, "Documentary,Short"),
    ("tt0000011", "short", "Akrobatisches Potpourri", "Akrobatisches Potpourri", 0, 1895, N, 1, "Documentary,Short"),
    ("tt0000012", "short", "The Arrival of a Train", "L'arrivée d'un train à La Ciotat", 0, 1896, N, 1, "Documentary,Short"),
    ("tt0000013", "short", "The Photographical Congress Arrives in Lyon", "Le débarquement du congrès de photographie à Lyon", 0, 1895, N, 1, "Documentary,Short"),
    ("tt0000014", "short", "The Waterer Watered", "L'arroseur arrosé", 0, 1895, N, 1, "Comedy,Short"),
    ("tt0000015", "short", "Autour d'une cabine", "Autour d'une cabine", 0, 1894, N, 2, "Animation,Short"),
    ("tt0000016", "short", "Boat Leaving the Port", "Barque sortant du port", 0, 1895, N, 1, "Documentary,Short"),
    ("tt0000417", "short", "A Trip to the Moon", "Le voyage dans la lune", 0, 1902, N, 13, "Action,Adventure,Comedy"),
    ("tt0000439", "short", "The Great Train Robbery", "The Great Train Robbery", 0, 1903, N, 11, "Action,Crime,Western"),
    ("tt0020530", "short", "Un Chien Andalou", "Un chien andalou", 0, 1929, N, 21, "Fantasy,Horror,Short"),
    ("tt0036154", "short", "Meshes of the Afternoon", "Meshes of the Afternoon", 0, 1943, N, 14, "Fantasy,Mystery,Short"),
    ("tt0056119", "short", "La Jetée", "La jetée", 0, 1962, N, 28, "Drama,Romance,Sci-Fi"),
    ("tt0091455", "short", "Luxo Jr.", "Luxo Jr.", 0, 1986, N, 2, "Animation,Family,Short"),
    ("tt0131409", "short", "Geri's Game", "Geri's Game", 0, 1997, N, 5, "Animation,Comedy,Family"),
    ("tt5613056", "short", "Piper", "Piper", 0, 2016, N, 6, "Animation,Family,Short"),
    ("tt8075496", "short", "Bao", "Bao", 0, 2018, N, 8, "Animation,Drama,Short"),

    # ---------------------------------------------------------------- movies: silent era
    ("tt0000009", "movie", "Miss Jerry", "Miss Jerry", 0, 1894, N, 45, "Romance"),
    ("tt0000147", "movie", "The Corbett-Fitzsimmons Fight", "The Corbett-Fitzsimmons Fight", 0, 1897, N, 100, "Documentary,News,Sport"),
    ("tt0000335", "movie", "Soldiers of the Cross", "Soldiers of the Cross", 0, 1900, N, N, "Biography,Drama"),
    ("tt0000502", "movie", "Bohemios", "Bohemios", 0, 1905, N, 100, N),
    ("tt0000574", "movie", "The Story of the Kelly Gang", "The Story of the Kelly Gang", 0, 1906, N, 70, "Action,Adventure,Biography"),
    ("tt0000591", "movie", "The Prodigal Son", "L'enfant prodigue", 0, 1907, N, 90, "Drama"),
    ("tt0000615", "movie", "Robbery Under Arms", "Robbery Under Arms", 0, 1907, N, N, "Drama"),
    ("tt0000630", "movie", "Hamlet", "Amleto", 0, 1908, N, N, "Drama"),
    ("tt0000675", "movie", "Don Quijote", "Don Quijote", 0, 1908, N, N, "Drama"),
    ("tt0000676", "movie", "Don Álvaro o la fuerza del sino", "Don Álvaro o la fuerza del sino", 0, 1908, N, N, "Drama"),
    ("tt0000679", "movie", "The Fairylogue and Radio-Plays", "The Fairylogue and Radio-Plays", 0, 1908, N, 120, "Adventure,Fantasy"),
    ("tt0000846", "movie", "Un día en Xochimilco", "Un día en Xochimilco", 0, 1909, N, N, N),
    ("tt0000941", "movie", "Locura de amor", "Locura de amor", 0, 1909, N, 45, "Drama"),
    ("tt0001184", "movie", "Don Juan de Serrallonga", "Don Juan de Serrallonga", 0, 1910, N, 58, "Adventure,Drama"),
    ("tt0001258", "movie", "The White Slave Trade", "Den hvide slavehandel", 0, 1910, N, 43, "Drama"),
    ("tt0001498", "movie", "The Battle of Trafalgar", "The Battle of Trafalgar", 0, 1911, N, 51, "War"),
    ("tt0002130", "movie", "Dante's Inferno", "L'inferno", 0, 1911, N, 71, "Adventure,Drama,Fantasy"),
    ("tt0002461", "movie", "Richard III", "Richard III", 0, 1912, N, 55, "Drama"),
    ("tt0002844", "movie", "Fantômas: In the Shadow of the Guillotine", "Fantômas - À l'ombre de la guillotine", 0, 1913, N, 54, "Crime,Drama"),
    ("tt0003037", "movie", "Juve Against Fantômas", "Juve contre Fantômas", 0, 1913, N, 61, "Crime,Drama"),
    ("tt0003740", "movie", "Cabiria", "Cabiria", 0, 1914, N, 148, "Adventure,Drama,History"),
    ("tt0004972", "movie", "The Birth of a Nation", "The Birth of a Nation", 0, 1915, N, 195, "Drama,History,War"),
    ("tt0006206", "movie", "Les vampires", "Les vampires", 0, 1915, N, 399, "Action,Adventure,Crime"),
    ("tt0006864", "movie", "Intolerance", "Intolerance: Love's Struggle Throughout the Ages", 0, 1916, N, 163, "Drama,History"),
    ("tt0009968", "movie", "Broken Blossoms", "Broken Blossoms or The Yellow Man and the Girl", 0, 1919, N, 90, "Drama,Romance"),
    ("tt0010323", "movie", "The Cabinet of Dr. Caligari", "Das Cabinet des Dr. Caligari", 0, 1920, N, 76, "Fantasy,Horror,Mystery"),
    ("tt0011237", "movie", "The Golem", "Der Golem, wie er in die Welt kam", 0, 1920, N, 91, "Fantasy,Horror"),
    ("tt0012349", "movie", "The Kid", "The Kid", 0, 1921, N, 68, "Comedy,Drama,Family"),
    ("tt0012364", "movie", "The Phantom Carriage", "Körkarlen", 0, 1921, N, 100, "Drama,Fantasy,Horror"),
    ("tt0013427", "movie", "Nanook of the North", "Nanook of the North", 0, 1922, N, 78, "Documentary"),
    ("tt0013442", "movie", "Nosferatu", "Nosferatu, eine Symphonie des Grauens", 0, 1922, N, 94, "Fantasy,Horror"),
    ("tt0014341", "movie", "Our Hospitality", "Our Hospitality", 0, 1923, N, 65, "Comedy,Romance,Thriller"),
    ("tt0015324", "movie", "Sherlock Jr.", "Sherlock Jr.", 0, 1924, N, 45, "Action,Comedy,Romance"),
    ("tt0015648", "movie", "Battleship Potemkin", "Bronenosets Potyomkin", 0, 1925, N, 75, "Drama,History,Thriller"),
    ("tt0015864", "movie", "The Gold Rush", "The Gold Rush", 0, 1925, N, 95, "Adventure,Comedy,Drama"),
    ("tt0017136", "movie", "Metropolis", "Metropolis", 0, 1927, N, 153, "Drama,Sci-Fi"),
    ("tt0017925", "movie", "The General", "The General", 0, 1926, N, 67, "Action,Adventure,Comedy"),
    ("tt0018455", "movie", "Sunrise", "Sunrise: A Song of Two Humans", 0, 1927, N, 94, "Drama,Romance"),
    ("tt0018737", "movie", "Pandora's Box", "Die Büchse der Pandora", 0, 1929, N, 133, "Drama,Romance"),
    ("tt0019254", "movie", "The Passion of Joan of Arc", "La passion de Jeanne d'Arc", 0, 1928, N, 114, "Biography,Drama,History"),
    ("tt0019760", "movie", "Man with a Movie Camera", "Chelovek s kino-apparatom", 0, 1929, N, 68, "Documentary"),

    # ---------------------------------------------------------------- movies: 1930-1969
    ("tt0020629", "movie", "All Quiet on the Western Front", "All Quiet on the Western Front", 0, 1930, N, 152, "Drama,War"),
    ("tt0021749", "movie", "City Lights", "City Lights", 0, 1931, N, 87, "Comedy,Drama,Romance"),
    ("tt0022100", "movie", "M", "M - Eine Stadt sucht einen Mörder", 0, 1931, N, 117, "Crime,Mystery,Thriller"),
    ("tt0024216", "movie", "King Kong", "King Kong", 0, 1933, N, 100, "Adventure,Horror,Sci-Fi"),
    ("tt0027977", "movie", "Modern Times", "Modern Times", 0, 1936, N, 87, "Comedy,Drama,Romance"),
    ("tt0031381", "movie", "Gone with the Wind", "Gone with the Wind", 0, 1939, N, 238, "Drama,Romance,War"),
    ("tt0032138", "movie", "The Wizard of Oz", "The Wizard of Oz", 0, 1939, N, 102, "Adventure,Family,Fantasy"),
    ("tt0032976", "movie", "Rebecca", "Rebecca", 0, 1940, N, 130, "Drama,Film-Noir,Mystery"),
    ("tt0033122", "movie", "\"Hello, Mrs Smith", "\"Hello, Mrs Smith", 0, 1938, N, 72, "Comedy"),
    ("tt0033467", "movie", "Citizen Kane", "Citizen Kane", 0, 1941, N, 119, "Drama,Mystery"),
    ("tt0033870", "movie", "The Maltese Falcon", "The Maltese Falcon", 0, 1941, N, 100, "Crime,Film-Noir,Mystery"),
    ("tt0034583", "movie", "Casablanca", "Casablanca", 0, 1942, N, 102, "Drama,Romance,War"),
    ("tt0036775", "movie", "Double Indemnity", "Double Indemnity", 0, 1944, N, 107, "Crime,Drama,Film-Noir"),
    ("tt0038650", "movie", "It's a Wonderful Life", "It's a Wonderful Life", 0, 1946, N, 130, "Drama,Family,Fantasy"),
    ("tt0040522", "movie", "Bicycle Thieves", "Ladri di biciclette", 0, 1948, N, 89, "Drama"),
    ("tt0041959", "movie", "The Third Man", "The Third Man", 0, 1949, N, 104, "Film-Noir,Mystery,Thriller"),
    ("tt0042876", "movie", "Rashomon", "Rashômon", 0, 1950, N, 88, "Crime,Drama,Mystery"),
    ("tt0043014", "movie", "Sunset Blvd.", "Sunset Blvd.", 0, 1950, N, 110, "Drama,Film-Noir"),
    ("tt0044706", "movie", "High Noon", "High Noon", 0, 1952, N, 85, "Drama,Thriller,Western"),
    ("tt0045152", "movie", "Singin' in the Rain", "Singin' in the Rain", 0, 1952, N, 103, "Comedy,Musical,Romance"),
    ("tt0046438", "movie", "Tokyo Story", "Tôkyô monogatari", 0, 1953, N, 136, "Drama"),
    ("tt0047396", "movie", "Rear Window", "Rear Window", 0, 1954, N, 112, "Mystery,Thriller"),
    ("tt0047478", "movie", "Seven Samurai", "Shichinin no samurai", 0, 1954, N, 207, "Action,Drama"),
    ("tt0049730", "movie", "The Searchers", "The Searchers", 0, 1956, N, 119, "Adventure,Drama,Western"),
    ("tt0050083", "movie", "12 Angry Men", "12 Angry Men", 0, 1957, N, 96, "Crime,Drama"),
    ("tt0050976", "movie", "The Seventh Seal", "Det sjunde inseglet", 0, 1957, N, 96, "Drama,Fantasy"),
    ("tt0050986", "movie", "Wild Strawberries", "Smultronstället", 0, 1957, N, 91, "Drama,Romance"),
    ("tt0052357", "movie", "Vertigo", "Vertigo", 0, 1958, N, 128, "Mystery,Romance,Thriller"),
    ("tt0053779", "movie", "La Dolce Vita", "La dolce vita", 0, 1960, N, 174, "Comedy,Drama"),
    ("tt0054215", "movie", "Psycho", "Psycho", 0, 1960, N, 109, "Horror,Mystery,Thriller"),
    ("tt0055630", "movie", "Yojimbo", "Yôjinbô", 0, 1961, N, 110, "Action,Drama,Thriller"),
    ("tt0056058", "movie", "Harakiri", "Seppuku", 0, 1962, N, 133, "Action,Drama,History"),
    ("tt0056111", "movie", "Ivan's Childhood", "Иваново детство", 0, 1962, N, 95, "Drama,War"),
    ("tt0056172", "movie", "Lawrence of Arabia", "Lawrence of Arabia", 0, 1962, N, 218, "Adventure,Biography,Drama"),
    ("tt0056801", "movie", "8½", "8½", 0, 1963, N, 138, "Drama"),
    ("tt0060196", "movie", "The Good, the Bad and the Ugly", "Il buono, il brutto, il cattivo", 0, 1966, N, 178, "Adventure,Drama,Western"),
    ("tt0062622", "movie", "2001: A Space Odyssey", "2001: A Space Odyssey", 0, 1968, N, 149, "Adventure,Sci-Fi"),
    ("tt0064116", "movie", "Once Upon a Time in the West", "C'era una volta il West", 0, 1968, N, 166, "Western"),

    # ---------------------------------------------------------------- movies: 1970-1999
    ("tt0066921", "movie", "A Clockwork Orange", "A Clockwork Orange", 0, 1971, N, 136, "Crime,Sci-Fi"),
    ("tt0068646", "movie", "The Godfather", "The Godfather", 0, 1972, N, 175, "Crime,Drama"),
    ("tt0069293", "movie", "Solaris", "Solyaris", 0, 1972, N, 167, "Drama,Mystery,Sci-Fi"),
    ("tt0070047", "movie", "The Exorcist", "The Exorcist", 0, 1973, N, 122, "Horror"),
    ("tt0071315", "movie", "Chinatown", "Chinatown", 0, 1974, N, 130, "Drama,Mystery,Thriller"),
    ("tt0071562", "movie", "The Godfather Part II", "The Godfather Part II", 0, 1974, N, 202, "Crime,Drama"),
    ("tt0073195", "movie", "Jaws", "Jaws", 0, 1975, N, 124, "Adventure,Thriller"),
    ("tt0073486", "movie", "One Flew Over the Cuckoo's Nest", "One Flew Over the Cuckoo's Nest", 0, 1975, N, 133, "Drama"),
    ("tt0073707", "movie", "Sholay", "Sholay", 0, 1975, N, 204, "Action,Adventure,Comedy"),
    ("tt0075148", "movie", "Rocky", "Rocky", 0, 1976, N, 120, "Drama,Sport"),
    ("tt0075314", "movie", "Taxi Driver", "Taxi Driver", 0, 1976, N, 114, "Crime,Drama"),
    ("tt0076759", "movie", "Star Wars", "Star Wars", 0, 1977, N, 121, "Action,Adventure,Fantasy"),
    ("tt0077651", "movie", "Halloween", "Halloween", 0, 1978, N, 91, "Horror,Thriller"),
    ("tt0078748", "movie", "Alien", "Alien", 0, 1979, N, 117, "Horror,Sci-Fi"),
    ("tt0078788", "movie", "Apocalypse Now", "Apocalypse Now", 0, 1979, N, 147, "Drama,Mystery,War"),
    ("tt0079944", "movie", "Stalker", "Stalker", 0, 1979, N, 162, "Drama,Sci-Fi"),
    ("tt0080684", "movie", "Star Wars: Episode V - The Empire Strikes Back", "Star Wars: Episode V - The Empire Strikes Back", 0, 1980, N, 124, "Action,Adventure,Fantasy"),
    ("tt0081505", "movie", "The Shining", "The Shining", 0, 1980, N, 146, "Drama,Horror"),
    ("tt0082971", "movie", "Raiders of the Lost Ark", "Raiders of the Lost Ark", 0, 1981, N, 115, "Action,Adventure"),
    ("tt0083658", "movie", "Blade Runner", "Blade Runner", 0, 1982, N, 117, "Action,Drama,Sci-Fi"),
    ("tt0087544", "movie", "Nausicaä of the Valley of the Wind", "Kaze no tani no Naushika", 0, 1984, N, 117, "Adventure,Animation,Fantasy"),
    ("tt0088178", "movie", "Stop Making Sense", "Stop Making Sense", 0, 1984, N, 88, "Documentary,Music"),
    ("tt0088247", "movie", "The Terminator", "The Terminator", 0, 1984, N, 107, "Action,Sci-Fi"),
    ("tt0088763", "movie", "Back to the Future", "Back to the Future", 0, 1985, N, 116, "Adventure,Comedy,Sci-Fi"),
    ("tt0089881", "movie", "Ran", "Ran", 0, 1985, N, 162, "Action,Drama,War"),
    ("tt0090015", "movie", "Shoah", "Shoah", 0, 1985, N, 566, "Documentary,History,War"),
    ("tt0091251", "movie", "Come and See", "Иди и смотри", 0, 1985, N, 142, "Drama,Thriller,War"),
    ("tt0093058", "movie", "Full Metal Jacket", "Full Metal Jacket", 0, 1987, N, 116, "Drama,War"),
    ("tt0095016", "movie", "Die Hard", "Die Hard", 0, 1988, N, 132, "Action,Thriller"),
    ("tt0095327", "movie", "Grave of the Fireflies", "Hotaru no haka", 0, 1988, N, 89, "Animation,Drama,War"),
    ("tt0095765", "movie", "Cinema Paradiso", "Nuovo Cinema Paradiso", 0, 1988, N, 155, "Drama,Romance"),
    ("tt0096283", "movie", "My Neighbor Totoro", "Tonari no Totoro", 0, 1988, N, 86, "Animation,Comedy,Family"),
    ("tt0099685", "movie", "Goodfellas", "Goodfellas", 0, 1990, N, 145, "Biography,Crime,Drama"),
    ("tt0102926", "movie", "The Silence of the Lambs", "The Silence of the Lambs", 0, 1991, N, 118, "Crime,Drama,Thriller"),
    ("tt0103064", "movie", "Terminator 2: Judgment Day", "Terminator 2: Judgment Day", 0, 1991, N, 137, "Action,Sci-Fi"),
    ("tt0103767", "movie", "Baraka", "Baraka", 0, 1992, N, 96, "Documentary,Music"),
    ("tt0105236", "movie", "Reservoir Dogs", "Reservoir Dogs", 0, 1992, N, 99, "Crime,Thriller"),
    ("tt0106332", "movie", "Farewell My Concubine", "霸王別姬", 0, 1993, N, 171, "Drama,Music,Romance"),
    ("tt0107048", "movie", "Groundhog Day", "Groundhog Day", 0, 1993, N, 101, "Comedy,Drama,Fantasy"),
    ("tt0107290", "movie", "Jurassic Park", "Jurassic Park", 0, 1993, N, 127, "Action,Adventure,Sci-Fi"),
    ("tt0108052", "movie", "Schindler's List", "Schindler's List", 0, 1993, N, 195, "Biography,Drama,History"),
    ("tt0109830", "movie", "Forrest Gump", "Forrest Gump", 0, 1994, N, 142, "Drama,Romance"),
    ("tt0110057", "movie", "Hoop Dreams", "Hoop Dreams", 0, 1994, N, 170, "Documentary,Drama,Sport"),
    ("tt0110357", "movie", "The Lion King", "The Lion King", 0, 1994, N, 88, "Adventure,Animation,Drama"),
    ("tt0110413", "movie", "Léon: The Professional", "Léon", 0, 1994, N, 110, "Action,Crime,Drama"),
    ("tt0110912", "movie", "Pulp Fiction", "Pulp Fiction", 0, 1994, N, 154, "Crime,Drama"),
    ("tt0111161", "movie", "The Shawshank Redemption", "The Shawshank Redemption", 0, 1994, N, 142, "Drama"),
    ("tt0112573", "movie", "Braveheart", "Braveheart", 0, 1995, N, 178, "Biography,Drama,History"),
    ("tt0112870", "movie", "Dilwale Dulhania Le Jayenge", "Dilwale Dulhania Le Jayenge", 0, 1995, N, 189, "Drama,Romance"),
    ("tt0114369", "movie", "Se7en", "Se7en", 0, 1995, N, 127, "Crime,Drama,Mystery"),
    ("tt0114709", "movie", "Toy Story", "Toy Story", 0, 1995, N, 81, "Adventure,Animation,Comedy"),
    ("tt0114814", "movie", "The Usual Suspects", "The Usual Suspects", 0, 1995, N, 106, "Crime,Drama,Mystery"),
    ("tt0118715", "movie", "The Big Lebowski", "The Big Lebowski", 0, 1998, N, 117, "Comedy,Crime"),
    ("tt0118799", "movie", "Life Is Beautiful", "La vita è bella", 0, 1997, N, 116, "Comedy,Drama,Romance"),
    ("tt0118849", "movie", "Children of Heaven", "Bacheha-Ye aseman", 0, 1997, N, 89, "Drama,Family,Sport"),
    ("tt0119698", "movie", "Princess Mononoke", "もののけ姫", 0, 1997, N, 134, "Action,Adventure,Animation"),
    ("tt0120338", "movie", "Titanic", "Titanic", 0, 1997, N, 194, "Drama,Romance"),
    ("tt0120689", "movie", "The Green Mile", "The Green Mile", 0, 1999, N, 189, "Crime,Drama,Fantasy"),
    ("tt0120737", "movie", "The Lord of the Rings: The Fellowship of the Ring", "The Lord of the Rings: The Fellowship of the Ring", 0, 2001, N, 178, "Action,Adventure,Drama"),
    ("tt0120815", "movie", "Saving Private Ryan", "Saving Private Ryan", 0, 1998, N, 169, "Drama,War"),
    ("tt0133093", "movie", "The Matrix", "The Matrix", 0, 1999, N, 136, "Action,Sci-Fi"),
    ("tt0137523", "movie", "Fight Club", "Fight Club", 0, 1999, N, 139, "Drama"),
    ("tt0169547", "movie", "American Beauty", "American Beauty", 0, 1999, N, 122, "Drama"),

    # ---------------------------------------------------------------- movies: 2000-
    ("tt0167260", "movie", "The Lord of the Rings: The Return of the King", "The Lord of the Rings: The Return of the King", 0, 2003, N, 201, "Action,Adventure,Drama"),
    ("tt0167261", "movie", "The Lord of the Rings: The Two Towers", "The Lord of the Rings: The Two Towers", 0, 2002, N, 179, "Action,Adventure,Drama"),
    ("tt0169102", "movie", "Lagaan: Once Upon a Time in India", "Lagaan", 0, 2001, N, 224, "Drama,Musical,Sport"),
    ("tt0172495", "movie", "Gladiator", "Gladiator", 0, 2000, N, 155, "Action,Adventure,Drama"),
    ("tt0180093", "movie", "Requiem for a Dream", "Requiem for a Dream", 0, 2000, N, 102, "Drama"),
    ("tt0190332", "movie", "Crouching Tiger, Hidden Dragon", "臥虎藏龍", 0, 2000, N, 120, "Action,Adventure,Drama"),
    ("tt0209144", "movie", "Memento", "Memento", 0, 2000, N, 113, "Mystery,Thriller"),
    ("tt0211915", "movie", "Amélie", "Le fabuleux destin d'Amélie Poulain", 0, 2001, N, 122, "Comedy,Romance"),
    ("tt0241527", "movie", "Harry Potter and the Sorcerer's Stone", "Harry Potter and the Philosopher's Stone", 0, 2001, N, 152, "Adventure,Family,Fantasy"),
    ("tt0245429", "movie", "Spirited Away", "千と千尋の神隠し", 0, 2001, N, 125, "Adventure,Animation,Family"),
    ("tt0253474", "movie", "The Pianist", "The Pianist", 0, 2002, N, 150, "Biography,Drama,Music"),
    ("tt0317248", "movie", "City of God", "Cidade de Deus", 0, 2002, N, 130, "Crime,Drama"),
    ("tt0338013", "movie", "Eternal Sunshine of the Spotless Mind", "Eternal Sunshine of the Spotless Mind", 0, 2004, N, 108, "Drama,Romance,Sci-Fi"),
    ("tt0361748", "movie", "Inglourious Basterds", "Inglourious Basterds", 0, 2009, N, 153, "Adventure,Drama,War"),
    ("tt0363163", "movie", "Downfall", "Der Untergang", 0, 2004, N, 156, "Biography,Drama,History"),
    ("tt0364569", "movie", "Oldboy", "올드보이", 0, 2003, N, 101, "Action,Drama,Mystery"),
    ("tt0372784", "movie", "Batman Begins", "Batman Begins", 0, 2005, N, 140, "Action,Crime,Drama"),
    ("tt0405094", "movie", "The Lives of Others", "Das Leben der Anderen", 0, 2006, N, 137, "Drama,Mystery,Thriller"),
    ("tt0407887", "movie", "The Departed", "The Departed", 0, 2006, N, 151, "Crime,Drama,Thriller"),
    ("tt0457430", "movie", "Pan's Labyrinth", "El laberinto del fauno", 0, 2006, N, 118, "Drama,Fantasy,War"),
    ("tt0468569", "movie", "The Dark Knight", "The Dark Knight", 0, 2008, N, 152, "Action,Crime,Drama"),
    ("tt0482571", "movie", "The Prestige", "The Prestige", 0, 2006, N, 130, "Drama,Mystery,Sci-Fi"),
    ("tt0816692", "movie", "Interstellar", "Interstellar", 0, 2014, N, 169, "Adventure,Drama,Sci-Fi"),
    ("tt0910970", "movie", "WALL·E", "WALL·E", 0, 2008, N, 98, "Adventure,Animation,Family"),
    ("tt1160419", "movie", "Dune", "Dune: Part One", 0, 2021, N, 155, "Action,Adventure,Drama"),
    ("tt1187043", "movie", "3 Idiots", "3 Idiots", 0, 2009, N, 170, "Comedy,Drama"),
    ("tt1345836", "movie", "The Dark Knight Rises", "The Dark Knight Rises", 0, 2012, N, 164, "Action,Drama"),
    ("tt1375666", "movie", "Inception", "Inception", 0, 2010, N, 148, "Action,Adventure,Sci-Fi"),
    ("tt1517268", "movie", "Barbie", "Barbie", 0, 2023, N, 114, "Adventure,Comedy,Fantasy"),
    ("tt1675434", "movie", "The Intouchables", "Intouchables", 0, 2011, N, 112, "Biography,Comedy,Drama"),
    ("tt1772925", "movie", "Jiro Dreams of Sushi", "Jiro Dreams of Sushi", 0, 2011, N, 81, "Documentary"),
    ("tt1832382", "movie", "A Separation", "Jodaeiye Nader az Simin", 0, 2011, N, 123, "Drama"),
    ("tt1853728", "movie", "Django Unchained", "Django Unchained", 0, 2012, N, 165, "Drama,Western"),
    ("tt2024544", "movie", "12 Years a Slave", "12 Years a Slave", 0, 2013, N, 134, "Biography,Drama,History"),
    ("tt2194566", "movie", "\"Gloria, Again", "\"Gloria, otra vez", 0, 2012, N, 94, "Drama"),
    ("tt21027780", "movie", "The Last Lighthouse Keeper", "The Last Lighthouse Keeper", 0, N, N, N, N),
    ("tt2380307", "movie", "Coco", "Coco", 0, 2017, N, 105, "Adventure,Animation,Comedy"),
    ("tt2582802", "movie", "Whiplash", "Whiplash", 0, 2014, N, 106, "Drama,Music"),
    ("tt30144839", "movie", "Midnight at the Pilgrim Hotel", "Midnight at the Pilgrim Hotel", 0, N, N, N, N),
    ("tt4154756", "movie", "Avengers: Infinity War", "Avengers: Infinity War", 0, 2018, N, 149, "Action,Adventure,Sci-Fi"),
    ("tt4154796", "movie", "Avengers: Endgame", "Avengers: Endgame", 0, 2019, N, 181, "Action,Adventure,Drama"),
    ("tt5311514", "movie", "Your Name.", "君の名は。", 0, 2016, N, 106, "Animation,Drama,Fantasy"),
    ("tt6751668", "movie", "Parasite", "기생충", 0, 2019, N, 132, "Drama,Thriller"),
    ("tt7286456", "movie", "Joker", "Joker", 0, 2019, N, 122, "Crime,Drama,Thriller"),
    ("tt7634968", "movie", "\"Wind Over the Lake", "\"Wind Over the Lake", 0, 2017, N, 87, "Drama"),
    ("tt7775622", "movie", "Free Solo", "Free Solo", 0, 2018, N, 100, "Adventure,Documentary,Sport"),
    ("tt8267604", "movie", "Capernaum", "Capharnaüm", 0, 2018, N, 126, "Drama"),
    ("tt8503618", "movie", "Hamilton", "Hamilton", 0, 2020, N, 160, "Biography,Drama,History"),
    ("tt9243946", "movie", "El Camino: A Breaking Bad Movie", "El Camino: A Breaking Bad Movie", 0, 2019, N, 122, "Crime,Drama,Thriller"),
    ("tt9362722", "movie", "Spider-Man: Across the Spider-Verse", "Spider-Man: Across the Spider-Verse", 0, 2023, N, 140, "Action,Adventure,Animation"),
    ("tt10293406", "movie", "The Power of the Dog", "The Power of the Dog", 0, 2021, N, 126, "Drama,Romance,Western"),
    ("tt10872600", "movie", "Spider-Man: No Way Home", "Spider-Man: No Way Home", 0, 2021, N, 148, "Action,Adventure,Fantasy"),
    ("tt15239678", "movie", "Dune: Part Two", "Dune: Part Two", 0, 2024, N, 166, "Action,Adventure,Drama"),
    ("tt15398776", "movie", "Oppenheimer", "Oppenheimer", 0, 2023, N, 180, "Biography,Drama,History"),

    # ---------------------------------------------------------------- tvSeries / tvMiniSeries
    ("tt0043208", "tvSeries", "Meet the Press", "Meet the Press", 0, 1947, N, 60, "News,Talk-Show"),
    ("tt0052520", "tvSeries", "The Twilight Zone", "The Twilight Zone", 0, 1959, 1964, 51, "Drama,Fantasy,Horror"),
    ("tt0054557", "tvSeries", "The Tonight Show Starring Johnny Carson", "The Tonight Show Starring Johnny Carson", 0, 1962, 1992, 60, "Comedy,Music,Talk-Show"),
    ("tt0060028", "tvSeries", "Star Trek", "Star Trek", 0, 1966, 1969, 50, "Action,Adventure,Sci-Fi"),
    ("tt0063929", "tvSeries", "Monty Python's Flying Circus", "Monty Python's Flying Circus", 0, 1969, 1974, 30, "Comedy"),
    ("tt0081846", "tvMiniSeries", "Cosmos", "Cosmos: A Personal Voyage", 0, 1980, 1980, 60, "Documentary"),
    ("tt0092455", "tvSeries", "Star Trek: The Next Generation", "Star Trek: The Next Generation", 0, 1987, 1994, 44, "Action,Adventure,Drama"),
    ("tt0096697", "tvSeries", "The Simpsons", "The Simpsons", 0, 1989, N, 22, "Animation,Comedy"),
    ("tt0098904", "tvSeries", "Seinfeld", "Seinfeld", 0, 1989, 1998, 22, "Comedy"),
    ("tt0108778", "tvSeries", "Friends", "Friends", 0, 1994, 2004, 22, "Comedy,Romance"),
    ("tt0141842", "tvSeries", "The Sopranos", "The Sopranos", 0, 1999, 2007, 55, "Crime,Drama"),
    ("tt0159881", "tvSeries", "Jeopardy!", "Jeopardy!", 0, 1984, N, 30, "Family,Game-Show"),
    ("tt0185906", "tvMiniSeries", "Band of Brothers", "Band of Brothers", 0, 2001, 2001, 594, "Action,Drama,History"),
    ("tt0239195", "tvSeries", "Survivor", "Survivor", 0, 2000, N, 43, "Adventure,Game-Show,Reality-TV"),
    ("tt0306414", "tvSeries", "The Wire", "The Wire", 0, 2002, 2008, 59, "Crime,Drama,Thriller"),
    ("tt0386676", "tvSeries", "The Office", "The Office", 0, 2005, 2013, 22, "Comedy"),
    ("tt0417299", "tvSeries", "Avatar: The Last Airbender", "Avatar: The Last Airbender", 0, 2005, 2008, 23, "Action,Adventure,Animation"),
    ("tt0475784", "tvSeries", "Westworld", "Westworld", 0, 2016, 2022, 62, "Drama,Mystery,Sci-Fi"),
    ("tt0795176", "tvMiniSeries", "Planet Earth", "Planet Earth", 0, 2006, 2006, 538, "Documentary,Family"),
    ("tt0903747", "tvSeries", "Breaking Bad", "Breaking Bad", 0, 2008, 2013, 49, "Crime,Drama,Thriller"),
    ("tt0944947", "tvSeries", "Game of Thrones", "Game of Thrones", 0, 2011, 2019, 57, "Action,Adventure,Drama"),
    ("tt1475582", "tvSeries", "Sherlock", "Sherlock", 0, 2010, 2017, 88, "Crime,Drama,Mystery"),
    ("tt2788316", "tvSeries", "Shōgun", "Shōgun", 0, 2024, N, 59, "Adventure,Drama,History"),
    ("tt2861424", "tvSeries", "Rick and Morty", "Rick and Morty", 0, 2013, N, 23, "Adventure,Animation,Comedy"),
    ("tt4574334", "tvSeries", "Stranger Things", "Stranger Things", 0, 2016, 2025, 51, "Drama,Fantasy,Horror"),
    ("tt5491994", "tvMiniSeries", "Planet Earth II", "Planet Earth II", 0, 2016, 2016, 298, "Documentary"),
    ("tt5753856", "tvSeries", "Dark", "Dark", 0, 2017, 2020, 60, "Crime,Drama,Mystery"),
    ("tt6468322", "tvSeries", "Money Heist", "La casa de papel", 0, 2017, 2021, 70, "Action,Crime,Drama"),
    ("tt7366338", "tvMiniSeries", "Chernobyl", "Chernobyl", 0, 2019, 2019, 330, "Drama,History,Thriller"),
    ("tt10048342", "tvMiniSeries", "The Queen's Gambit", "The Queen's Gambit", 0, 2020, 2020, 395, "Drama,Sport"),
    ("tt10919420", "tvSeries", "Squid Game", "오징어 게임", 0, 2021, 2025, 55, "Action,Drama,Thriller"),

    # ---------------------------------------------------------------- tvEpisode
    ("tt0348034", "tvEpisode", "Simpsons Roasting on an Open Fire", "Simpsons Roasting on an Open Fire", 0, 1989, N, 30, "Animation,Comedy"),
    ("tt0583459", "tvEpisode", "The One Where Monica Gets a Roommate", "The One Where Monica Gets a Roommate", 0, 1994, N, 22, "Comedy,Romance"),
    ("tt0589235", "tvEpisode", "\"Are You There, Johnny?", "\"Are You There, Johnny?", 0, 1963, N, 60, "Comedy,Music,Talk-Show"),
    ("tt0664521", "tvEpisode", "Pilot", "Pilot", 0, 2005, N, 23, "Comedy"),
    ("tt0697692", "tvEpisode", "The Contest", "The Contest", 0, 1992, N, 23, "Comedy"),
    ("tt0705926", "tvEpisode", "The Sopranos", "The Sopranos", 0, 1999, N, 60, "Crime,Drama"),
    ("tt0708414", "tvEpisode", "The City on the Edge of Forever", "The City on the Edge of Forever", 0, 1967, N, 51, "Action,Adventure,Sci-Fi"),
    ("tt0708454", "tvEpisode", "The Best of Both Worlds", "The Best of Both Worlds", 0, 1990, N, 45, "Action,Adventure,Drama"),
    ("tt0734684", "tvEpisode", "Where Is Everybody?", "Where Is Everybody?", 0, 1959, N, 25, "Drama,Fantasy,Horror"),
    ("tt0749451", "tvEpisode", "The Target", "The Target", 0, 2002, N, 62, "Crime,Drama,Thriller"),
    ("tt0959621", "tvEpisode", "Pilot", "Pilot", 0, 2008, N, 58, "Crime,Drama,Thriller"),
    ("tt1054724", "tvEpisode", "Cat's in the Bag...", "Cat's in the Bag...", 0, 2008, N, 48, "Crime,Drama,Thriller"),
    ("tt1480055", "tvEpisode", "Winter Is Coming", "Winter Is Coming", 0, 2011, N, 62, "Action,Adventure,Drama"),
    ("tt1665071", "tvEpisode", "A Study in Pink", "A Study in Pink", 0, 2010, N, 88, "Crime,Drama,Mystery"),
    ("tt2178784", "tvEpisode", "The Rains of Castamere", "The Rains of Castamere", 0, 2013, N, 51, "Action,Adventure,Drama"),
    ("tt2301451", "tvEpisode", "Ozymandias", "Ozymandias", 0, 2013, N, 48, "Crime,Drama,Thriller"),
    ("tt2301455", "tvEpisode", "Felina", "Felina", 0, 2013, N, 55, "Crime,Drama,Thriller"),
    ("tt3333824", "tvEpisode", "Pilot", "Pilot", 0, 2013, N, 22, "Adventure,Animation,Comedy"),
    ("tt3447426", "tvEpisode", "Episode #1.1", "Episode #1.1", 0, 2014, N, 44, "Game-Show,Reality-TV"),
    ("tt3447430", "tvEpisode", "Episode #1.2", "Episode #1.2", 0, 2014, N, 44, "Game-Show,Reality-TV"),
    ("tt3447434", "tvEpisode", "Episode #1.3", "Episode #1.3", 0, 2014, N, 44, "Game-Show,Reality-TV"),
    ("tt4283088", "tvEpisode", "Battle of the Bastards", "Battle of the Bastards", 0, 2016, N, 60, "Action,Adventure,Drama"),
    ("tt4283094", "tvEpisode", "The Winds of Winter", "The Winds of Winter", 0, 2016, N, 68, "Action,Adventure,Drama"),
    ("tt4593118", "tvEpisode", "Chapter One: The Vanishing of Will Byers", "Chapter One: The Vanishing of Will Byers", 0, 2016, N, 49, "Drama,Fantasy,Horror"),
    ("tt5982680", "tvEpisode", "Secrets", "Geheimnisse", 0, 2017, N, 51, "Crime,Drama,Mystery"),
    ("tt6111130", "tvEpisode", "Episode dated 12 March 2017", "Episode dated 12 March 2017", 0, 2017, N, N, "News,Talk-Show"),
    ("tt6111134", "tvEpisode", "Episode dated 19 March 2017", "Episode dated 19 March 2017", 0, 2017, N, N, "News,Talk-Show"),
    ("tt7108944", "tvEpisode", "Episode #3.7", "Episode #3.7", 0, N, N, N, N),
    ("tt8162428", "tvEpisode", "1:23:45", "1:23:45", 0, 2019, N, 60, "Drama,History,Thriller"),
    ("tt8162432", "tvEpisode", "Please Remain Calm", "Please Remain Calm", 0, 2019, N, 65, "Drama,History,Thriller"),
    ("tt9104840", "tvEpisode", "Episode #36.12", "Episode #36.12", 0, 2019, N, 30, "Family,Game-Show"),
    ("tt9104842", "tvEpisode", "Episode #36.13", "Episode #36.13", 0, 2019, N, 30, "Family,Game-Show"),
    ("tt12581694", "tvEpisode", "Red Light, Green Light", "무궁화 꽃이 피었습니다", 0, 2021, N, 60, "Action,Drama,Thriller"),
    ("tt13201938", "tvEpisode", "Episode #2.4", "Episode #2.4", 0, 2020, N, 25, "Comedy"),
    # episodes of three long series, several seasons each (their title.episode rows are in EPISODES)
    ("tt1054725", "tvEpisode", "...And the Bag's in the River", "...And the Bag's in the River", 0, 2008, N, 48, "Crime,Drama,Thriller"),
    ("tt1054726", "tvEpisode", "Cancer Man", "Cancer Man", 0, 2008, N, 48, "Crime,Drama,Thriller"),
    ("tt1054727", "tvEpisode", "Gray Matter", "Gray Matter", 0, 2008, N, 48, "Crime,Drama,Thriller"),
    ("tt1054728", "tvEpisode", "Crazy Handful of Nothin'", "Crazy Handful of Nothin'", 0, 2008, N, 47, "Crime,Drama,Thriller"),
    ("tt1054729", "tvEpisode", "A No-Rough-Stuff-Type Deal", "A No-Rough-Stuff-Type Deal", 0, 2008, N, 47, "Crime,Drama,Thriller"),
    ("tt1232244", "tvEpisode", "Seven Thirty-Seven", "Seven Thirty-Seven", 0, 2009, N, 47, "Crime,Drama,Thriller"),
    ("tt1232249", "tvEpisode", "Grilled", "Grilled", 0, 2009, N, 48, "Crime,Drama,Thriller"),
    ("tt1232250", "tvEpisode", "Bit by a Dead Bee", "Bit by a Dead Bee", 0, 2009, N, 47, "Crime,Drama,Thriller"),
    ("tt1232251", "tvEpisode", "Down", "Down", 0, 2009, N, 47, "Crime,Drama,Thriller"),
    ("tt2081647", "tvEpisode", "Live Free or Die", "Live Free or Die", 0, 2012, N, 43, "Crime,Drama,Thriller"),
    ("tt1668746", "tvEpisode", "The Kingsroad", "The Kingsroad", 0, 2011, N, 56, "Action,Adventure,Drama"),
    ("tt1829962", "tvEpisode", "Lord Snow", "Lord Snow", 0, 2011, N, 58, "Action,Adventure,Drama"),
    ("tt1829963", "tvEpisode", "Cripples, Bastards, and Broken Things", "Cripples, Bastards, and Broken Things", 0, 2011, N, 56, "Action,Adventure,Drama"),
    ("tt1829964", "tvEpisode", "The Wolf and the Lion", "The Wolf and the Lion", 0, 2011, N, 55, "Action,Adventure,Drama"),
    ("tt1837862", "tvEpisode", "A Golden Crown", "A Golden Crown", 0, 2011, N, 53, "Action,Adventure,Drama"),
    ("tt1837863", "tvEpisode", "You Win or You Die", "You Win or You Die", 0, 2011, N, 58, "Action,Adventure,Drama"),
    ("tt1837864", "tvEpisode", "The Pointy End", "The Pointy End", 0, 2011, N, 59, "Action,Adventure,Drama"),
    ("tt1851398", "tvEpisode", "Baelor", "Baelor", 0, 2011, N, 57, "Action,Adventure,Drama"),
    ("tt1851397", "tvEpisode", "Fire and Blood", "Fire and Blood", 0, 2011, N, 53, "Action,Adventure,Drama"),
    ("tt1971833", "tvEpisode", "The North Remembers", "The North Remembers", 0, 2012, N, 53, "Action,Adventure,Drama"),
    ("tt2069318", "tvEpisode", "The Night Lands", "The Night Lands", 0, 2012, N, 54, "Action,Adventure,Drama"),
    ("tt2070135", "tvEpisode", "What Is Dead May Never Die", "What Is Dead May Never Die", 0, 2012, N, 53, "Action,Adventure,Drama"),
    ("tt2069319", "tvEpisode", "Garden of Bones", "Garden of Bones", 0, 2012, N, 51, "Action,Adventure,Drama"),
    ("tt2074658", "tvEpisode", "The Ghost of Harrenhal", "The Ghost of Harrenhal", 0, 2012, N, 55, "Action,Adventure,Drama"),
    ("tt2085238", "tvEpisode", "The Old Gods and the New", "The Old Gods and the New", 0, 2012, N, 54, "Action,Adventure,Drama"),
    ("tt2085239", "tvEpisode", "A Man Without Honor", "A Man Without Honor", 0, 2012, N, 56, "Action,Adventure,Drama"),
    ("tt2085240", "tvEpisode", "The Prince of Winterfell", "The Prince of Winterfell", 0, 2012, N, 54, "Action,Adventure,Drama"),
    ("tt2084342", "tvEpisode", "Blackwater", "Blackwater", 0, 2012, N, 55, "Action,Adventure,Drama"),
    ("tt2112510", "tvEpisode", "Valar Morghulis", "Valar Morghulis", 0, 2012, N, 64, "Action,Adventure,Drama"),
    ("tt1664529", "tvEpisode", "The Blind Banker", "The Blind Banker", 0, 2010, N, 89, "Crime,Drama,Mystery"),
    ("tt1664530", "tvEpisode", "The Great Game", "The Great Game", 0, 2010, N, 89, "Crime,Drama,Mystery"),
    ("tt1942612", "tvEpisode", "A Scandal in Belgravia", "A Scandal in Belgravia", 0, 2012, N, 89, "Crime,Drama,Mystery"),
    ("tt1942613", "tvEpisode", "The Hounds of Baskerville", "The Hounds of Baskerville", 0, 2012, N, 88, "Crime,Drama,Mystery"),
    ("tt1942614", "tvEpisode", "The Reichenbach Fall", "The Reichenbach Fall", 0, 2012, N, 88, "Crime,Drama,Mystery"),

    # ---------------------------------------------------------------- tvMovie / tvSpecial / video / videoGame
    ("tt0059026", "tvSpecial", "A Charlie Brown Christmas", "A Charlie Brown Christmas", 0, 1965, N, 25, "Animation,Comedy,Family"),
    ("tt0067023", "tvMovie", "Duel", "Duel", 0, 1971, N, 90, "Action,Thriller"),
    ("tt0085404", "tvMovie", "The Day After", "The Day After", 0, 1983, N, 127, "Drama,Sci-Fi"),
    ("tt0087056", "tvMovie", "A Christmas Carol", "A Christmas Carol", 0, 1984, N, 100, "Drama,Family,Fantasy"),
    ("tt0090163", "tvMovie", "Threads", "Threads", 0, 1984, N, 112, "Drama,Sci-Fi,War"),
    ("tt0193524", "tvSpecial", "The Star Wars Holiday Special", "The Star Wars Holiday Special", 0, 1978, N, 97, "Adventure,Comedy,Family"),
    ("tt0305163", "video", "Queen: Live at Wembley Stadium", "Queen: Live at Wembley Stadium", 0, 1986, N, 104, "Documentary,Music"),
    ("tt0404221", "videoGame", "Super Mario 64", "Super Mario 64", 0, 1996, N, N, "Action,Adventure,Family"),
    ("tt1227926", "video", "Dr. Horrible's Sing-Along Blog", "Dr. Horrible's Sing-Along Blog", 0, 2008, N, 42, "Comedy,Drama,Musical"),
    ("tt1278469", "tvMovie", "Temple Grandin", "Temple Grandin", 0, 2010, N, 107, "Biography,Drama"),
    ("tt2103188", "videoGame", "Grand Theft Auto V", "Grand Theft Auto V", 0, 2013, N, N, "Action,Crime,Drama"),
    ("tt2140553", "videoGame", "The Last of Us", "The Last of Us", 0, 2013, N, N, "Action,Adventure,Drama"),
    ("tt3845232", "tvMovie", "Sherlock: The Abominable Bride", "Sherlock: The Abominable Bride", 0, 2016, N, 89, "Crime,Drama,Mystery"),
    ("tt4853102", "video", "Batman: The Killing Joke", "Batman: The Killing Joke", 0, 2016, N, 76, "Action,Animation,Crime"),
    ("tt5929390", "videoGame", "The Legend of Zelda: Breath of the Wild", "The Legend of Zelda: Breath of the Wild", 0, 2017, N, N, "Action,Adventure,Fantasy"),
    ("tt6161168", "videoGame", "Red Dead Redemption II", "Red Dead Redemption II", 0, 2018, N, N, "Action,Adventure,Crime"),
    ("tt10078772", "tvSpecial", "Dave Chappelle: Sticks & Stones", "Dave Chappelle: Sticks & Stones", 0, 2019, N, 65, "Comedy,Documentary"),
    ("tt11337908", "tvSpecial", "Friends: The Reunion", "Friends: The Reunion", 0, 2021, N, 104, "Documentary,Talk-Show"),
]

# (tconst, averageRating, numVotes).  Includes a few tconsts that are not in
# BASICS above (the real dumps contain such rows as well).
RATINGS = [
    # shorts
    ("tt0000001", 5.7, 2104), ("tt0000002", 5.6, 283), ("tt0000003", 6.4, 2127),
    ("tt0000004", 5.4, 182), ("tt0000005", 6.2, 2852), ("tt0000006", 5.0, 196),
    ("tt0000007", 5.4, 889), ("tt0000008", 5.4, 2237), ("tt0000010", 6.8, 7965),
    ("tt0000011", 5.2, 402), ("tt0000012", 7.4, 13987), ("tt0000013", 5.7, 1953),
    ("tt0000014", 7.1, 6012), ("tt0000015", 6.1, 1190), ("tt0000016", 5.9, 1603),
    ("tt0000417", 8.1, 62314), ("tt0000439", 7.2, 20156), ("tt0020530", 7.6, 38402),
    ("tt0036154", 7.5, 14071), ("tt0056119", 8.2, 41288), ("tt0091455", 7.5, 25533),
    ("tt0131409", 7.9, 20419), ("tt5613056", 8.2, 40877), ("tt8075496", 7.3, 30564),
    # not present in title.basics sample
    ("tt0000018", 5.3, 621), ("tt0000019", 5.1, 36), ("tt0000020", 4.8, 382),
    ("tt0111162", 6.9, 14), ("tt31987654", 8.4, 9),
    # movies
    ("tt0000009", 5.3, 222), ("tt0000147", 5.2, 562), ("tt0000335", 6.0, 58),
    ("tt0000502", 4.2, 19), ("tt0000574", 6.0, 992), ("tt0000679", 5.2, 75),
    ("tt0002130", 7.0, 3705), ("tt0002844", 6.9, 2603), ("tt0003037", 6.8, 1712),
    ("tt0003740", 7.0, 4231), ("tt0004972", 6.1, 27198), ("tt0006206", 7.1, 5402),
    ("tt0006864", 7.7, 17211), ("tt0009968", 7.4, 11023), ("tt0010323", 8.0, 70321),
    ("tt0012349", 8.2, 136452), ("tt0013427", 7.4, 17530), ("tt0013442", 7.8, 110246),
    ("tt0015324", 8.2, 58144), ("tt0015648", 7.4, 63520), ("tt0015864", 8.1, 118034),
    ("tt0017136", 8.3, 190211), ("tt0017925", 8.1, 97305), ("tt0018455", 8.1, 60442),
    ("tt0019254", 8.1, 62870), ("tt0020629", 8.1, 69530), ("tt0021749", 8.5, 200517),
    ("tt0022100", 8.3, 170325), ("tt0024216", 7.9, 92410), ("tt0027977", 8.5, 260144),
    ("tt0031381", 8.2, 340921), ("tt0032138", 8.1, 430562), ("tt0032976", 8.1, 150776),
    ("tt0033467", 8.3, 470105), ("tt0033870", 8.0, 170664), ("tt0034583", 8.5, 620880),
    ("tt0036775", 8.3, 170021), ("tt0038650", 8.6, 500340), ("tt0040522", 8.3, 180227),
    ("tt0041959", 8.1, 185330), ("tt0042876", 8.2, 190415), ("tt0043014", 8.4, 240113),
    ("tt0044706", 7.9, 110502), ("tt0045152", 8.3, 270338), ("tt0047396", 8.5, 540321),
    ("tt0047478", 8.6, 380104), ("tt0049730", 7.8, 95220), ("tt0050083", 9.0, 930418),
    ("tt0050976", 8.1, 200412), ("tt0052357", 8.2, 430110), ("tt0054215", 8.5, 740662),
    ("tt0056111", 8.1, 30218), ("tt0056172", 8.3, 315027), ("tt0056801", 8.0, 125309),
    ("tt0060196", 8.8, 830245), ("tt0062622", 8.3, 740228), ("tt0064116", 8.5, 360281),
    ("tt0066921", 8.2, 900337), ("tt0068646", 9.2, 2060412),
    ("tt0070047", 8.1, 460210), ("tt0071315", 8.1, 350122), ("tt0071562", 9.0, 1400718),
    ("tt0073195", 8.1, 680402), ("tt0073486", 8.7, 1100219), ("tt0075148", 8.1, 650117),
    ("tt0075314", 8.2, 930501), ("tt0076759", 8.6, 1500338), ("tt0077651", 7.7, 320145),
    ("tt0078748", 8.5, 970214), ("tt0078788", 8.4, 720336), ("tt0080684", 8.7, 1400552),
    ("tt0081505", 8.4, 1150230), ("tt0082971", 8.4, 1050117), ("tt0083658", 8.1, 830449),
    ("tt0088247", 8.1, 930228), ("tt0088763", 8.5, 1350114), ("tt0091251", 8.4, 100226),
    ("tt0093058", 8.3, 800142), ("tt0095016", 8.2, 960335), ("tt0095327", 8.5, 310220),
    ("tt0099685", 8.7, 1300226), ("tt0102926", 8.6, 1600114), ("tt0103064", 8.6, 1200457),
    ("tt0105236", 8.3, 1100306), ("tt0107290", 8.2, 1100218), ("tt0108052", 9.0, 1500339),
    ("tt0109830", 8.8, 2300126), ("tt0110357", 8.5, 1200541), ("tt0110413", 8.5, 1250103),
    ("tt0110912", 8.9, 2300417), ("tt0111161", 9.3, 2995123), ("tt0112573", 8.3, 1100224),
    ("tt0114369", 8.6, 1800236), ("tt0114709", 8.3, 1100309), ("tt0114814", 8.5, 1200122),
    ("tt0118715", 8.1, 850226), ("tt0118799", 8.6, 760415), ("tt0120338", 7.9, 1300118),
    ("tt0120689", 8.6, 1450207), ("tt0120737", 8.9, 2100441), ("tt0120815", 8.6, 1500226),
    ("tt0133093", 8.7, 2100318), ("tt0137523", 8.8, 2400104), ("tt0167260", 9.0, 2050336),
    ("tt0167261", 8.8, 1850229), ("tt0169547", 8.3, 1200410), ("tt0172495", 8.5, 1700223),
    ("tt0190332", 7.9, 280116), ("tt0209144", 8.4, 1350207), ("tt0211915", 8.3, 800334),
    ("tt0241527", 7.6, 900218), ("tt0245429", 8.6, 900442), ("tt0253474", 8.5, 950117),
    ("tt0338013", 8.3, 1100225), ("tt0361748", 8.4, 1600331), ("tt0364569", 8.3, 640118),
    ("tt0372784", 8.2, 1600210), ("tt0407887", 8.5, 1450116), ("tt0457430", 8.2, 720403),
    ("tt0468569", 9.0, 2975340), ("tt0482571", 8.5, 1450229), ("tt0816692", 8.7, 2300115),
    ("tt0910970", 8.4, 1200336), ("tt1345836", 8.4, 1900204), ("tt1375666", 8.8, 2600331),
    ("tt1675434", 8.5, 950312), ("tt1853728", 8.5, 1750225), ("tt2024544", 8.1, 750331),
    ("tt2194566", 6.1, 312), ("tt2380307", 8.4, 650208), ("tt2582802", 8.5, 1000117),
    ("tt4154756", 8.4, 1200305), ("tt4154796", 8.4, 1300226), ("tt6751668", 8.5, 1000334),
    ("tt7286456", 8.4, 1500112), ("tt7634968", 6.4, 23), ("tt15398776", 8.3, 850226),
    ("tt9362722", 8.5, 430227),
    # series / mini-series
    ("tt0052520", 9.0, 100226), ("tt0054557", 8.6, 9012), ("tt0060028", 8.4, 95331),
    ("tt0063929", 8.8, 80214), ("tt0081846", 9.3, 45117), ("tt0092455", 8.7, 160228),
    ("tt0096697", 8.7, 440115), ("tt0098904", 8.9, 350206), ("tt0108778", 8.9, 1100334),
    ("tt0141842", 9.2, 480118), ("tt0159881", 8.2, 20115), ("tt0185906", 9.4, 560227),
    ("tt0239195", 7.4, 42306), ("tt0306414", 9.3, 390114), ("tt0386676", 9.0, 750228),
    ("tt0903747", 9.5, 2200341), ("tt0944947", 9.2, 2400116), ("tt1475582", 9.0, 1000225),
    ("tt2861424", 9.1, 620117), ("tt4574334", 8.6, 1400208), ("tt7366338", 9.3, 900331),
    ("tt10919420", 8.0, 620114),
    # episodes
    ("tt0348034", 8.1, 9014), ("tt0583459", 8.3, 11206), ("tt0697692", 9.5, 9812),
    ("tt0708414", 9.2, 7711), ("tt0959621", 9.0, 55218), ("tt1480055", 8.9, 58117),
    ("tt1665071", 9.1, 55320), ("tt2178784", 9.9, 130228), ("tt2301451", 10.0, 260114),
    ("tt2301455", 9.9, 170226), ("tt3447426", 7.2, 12), ("tt4283088", 9.9, 230331),
    ("tt8162428", 9.6, 32118), ("tt12581694", 8.2, 25307), ("tt9104840", 7.6, 8),
    ("tt1054725", 8.6, 41207), ("tt1054726", 8.2, 38115), ("tt1054727", 8.3, 37226),
    ("tt1054728", 9.3, 48330), ("tt1054729", 8.8, 40118), ("tt1232244", 8.6, 36214),
    ("tt1232249", 9.3, 44107), ("tt1232250", 8.3, 33526), ("tt1232251", 8.0, 32318),
    ("tt2081647", 9.2, 45220), ("tt1668746", 8.6, 44310), ("tt1829962", 8.5, 42118),
    ("tt1829963", 8.6, 40227), ("tt1829964", 9.0, 41336), ("tt1837862", 9.1, 41105),
    ("tt1837863", 9.1, 41922), ("tt1837864", 8.9, 39516), ("tt1851398", 9.6, 50213),
    ("tt1851397", 9.4, 45118), ("tt1971833", 8.8, 36330), ("tt2069318", 8.5, 34207),
    ("tt2070135", 8.8, 34115), ("tt2069319", 8.6, 33418), ("tt2074658", 8.8, 33326),
    ("tt2085238", 9.1, 35014), ("tt2085239", 8.9, 33612), ("tt2085240", 8.8, 32727),
    ("tt2084342", 9.6, 52331), ("tt2112510", 9.3, 38228), ("tt1664529", 8.0, 48117),
    ("tt1664530", 9.1, 52226), ("tt1942612", 9.1, 52308), ("tt1942613", 8.2, 45114),
    ("tt1942614", 9.6, 56229),
    # others
    ("tt0059026", 8.3, 40226), ("tt0067023", 7.6, 75118), ("tt0090163", 7.9, 16207),
    ("tt0193524", 2.1, 14330), ("tt1227926", 8.3, 55114), ("tt2140553", 9.7, 82226),
    ("tt4853102", 6.4, 65312), ("tt6161168", 9.7, 62118), ("tt10078772", 7.2, 20115),
]

# (tconst, parentTconst, seasonNumber, episodeNumber): one row per tvEpisode of
# BASICS.  Talk-show and news episodes often have no numbers (\N), and a few
# rows point to a series that is not in BASICS, as in the real dumps.
EPISODES = [
    ("tt0348034", "tt0096697", 1, 1),       # The Simpsons
    ("tt0583459", "tt0108778", 1, 1),       # Friends
    ("tt0589235", "tt0054557", N, N),       # The Tonight Show Starring Johnny Carson
    ("tt0664521", "tt0386676", 1, 1),       # The Office
    ("tt0697692", "tt0098904", 4, 11),      # Seinfeld
    ("tt0705926", "tt0141842", 1, 1),       # The Sopranos
    ("tt0708414", "tt0060028", 1, 28),      # Star Trek
    ("tt0708454", "tt0092455", 3, 26),      # Star Trek: The Next Generation
    ("tt0734684", "tt0052520", 1, 1),       # The Twilight Zone
    ("tt0749451", "tt0306414", 1, 1),       # The Wire
    ("tt3333824", "tt2861424", 1, 1),       # Rick and Morty
    ("tt4593118", "tt4574334", 1, 1),       # Stranger Things
    ("tt5982680", "tt5753856", 1, 1),       # Dark
    ("tt6111130", "tt0043208", N, N),       # Meet the Press
    ("tt6111134", "tt0043208", N, N),
    ("tt8162428", "tt7366338", 1, 1),       # Chernobyl
    ("tt8162432", "tt7366338", 1, 2),
    ("tt9104840", "tt0159881", 36, 12),     # Jeopardy!
    ("tt9104842", "tt0159881", 36, 13),
    ("tt12581694", "tt10919420", 1, 1),     # Squid Game
    # made up: a reality show and a sitcom whose series rows are not in BASICS
    ("tt3447426", "tt3447410", 1, 1),
    ("tt3447430", "tt3447410", 1, 2),
    ("tt3447434", "tt3447410", 1, 3),
    ("tt13201938", "tt13201902", 2, 4),
    ("tt7108944", "tt0239195", 3, 7),       # made up: Survivor
    # Breaking Bad
    ("tt0959621", "tt0903747", 1, 1), ("tt1054724", "tt0903747", 1, 2), ("tt1054725", "tt0903747", 1, 3),
    ("tt1054726", "tt0903747", 1, 4), ("tt1054727", "tt0903747", 1, 5), ("tt1054728", "tt0903747", 1, 6),
    ("tt1054729", "tt0903747", 1, 7), ("tt1232244", "tt0903747", 2, 1), ("tt1232249", "tt0903747", 2, 2),
    ("tt1232250", "tt0903747", 2, 3), ("tt1232251", "tt0903747", 2, 4), ("tt2081647", "tt0903747", 5, 1),
    ("tt2301451", "tt0903747", 5, 14), ("tt2301455", "tt0903747", 5, 16),
    # Game of Thrones
    ("tt1480055", "tt0944947", 1, 1), ("tt1668746", "tt0944947", 1, 2), ("tt1829962", "tt0944947", 1, 3),
    ("tt1829963", "tt0944947", 1, 4), ("tt1829964", "tt0944947", 1, 5), ("tt1837862", "tt0944947", 1, 6),
    ("tt1837863", "tt0944947", 1, 7), ("tt1837864", "tt0944947", 1, 8), ("tt1851398", "tt0944947", 1, 9),
    ("tt1851397", "tt0944947", 1, 10), ("tt1971833", "tt0944947", 2, 1), ("tt2069318", "tt0944947", 2, 2),
    ("tt2070135", "tt0944947", 2, 3), ("tt2069319", "tt0944947", 2, 4), ("tt2074658", "tt0944947", 2, 5),
    ("tt2085238", "tt0944947", 2, 6), ("tt2085239", "tt0944947", 2, 7), ("tt2085240", "tt0944947", 2, 8),
    ("tt2084342", "tt0944947", 2, 9), ("tt2112510", "tt0944947", 2, 10), ("tt2178784", "tt0944947", 3, 9),
    ("tt4283088", "tt0944947", 6, 9), ("tt4283094", "tt0944947", 6, 10),
    # Sherlock
    ("tt1665071", "tt1475582", 1, 1), ("tt1664529", "tt1475582", 1, 2), ("tt1664530", "tt1475582", 1, 3),
    ("tt1942612", "tt1475582", 2, 1), ("tt1942613", "tt1475582", 2, 2), ("tt1942614", "tt1475582", 2, 3),
]

GENRES = {
    "Action", "Adult", "Adventure", "Animation", "Biography", "Comedy", "Crime",
    "Documentary", "Drama", "Family", "Fantasy", "Film-Noir", "Game-Show", "History",
    "Horror", "Music", "Musical", "Mystery", "News", "Reality-TV", "Romance", "Sci-Fi",
    "Short", "Sport", "Talk-Show", "Thriller", "War", "Western",
}
TITLE_TYPES = {"movie", "short", "tvSeries", "tvEpisode", "tvMovie", "video",
               "tvMiniSeries", "videoGame", "tvSpecial"}
TCONST_RE = re.compile(r"tt\d{7,8}")


def cell(v):
    if v is None:
        return "\\N"
    s = str(v)
    assert s and "\t" not in s and "\n" not in s and "\r" not in s, repr(v)
    return s


def check_basics(r):
    tconst, ttype, primary, original, adult, start, end, runtime, genres = r
    assert TCONST_RE.fullmatch(tconst), r
    assert ttype in TITLE_TYPES, r
    assert primary and original, r
    assert adult in (0, 1), r
    assert start is None or 1870 <= start <= 2030, r
    assert end is None or ttype in ("tvSeries", "tvMiniSeries"), r
    assert runtime is None or (isinstance(runtime, int) and runtime > 0), r
    if genres is not None:
        g = genres.split(",")
        assert 1 <= len(g) <= 3 and set(g) <= GENRES and g == sorted(g), r


def check_rating(r):
    tconst, avg, votes = r
    assert TCONST_RE.fullmatch(tconst), r
    assert 1.0 <= avg <= 10.0 and round(avg, 1) == avg, r
    assert isinstance(votes, int) and votes >= 5, r


def check_episode(r, basics_types):
    tconst, parent, season, episode = r
    assert basics_types.get(tconst) == "tvEpisode", r
    assert TCONST_RE.fullmatch(parent) and parent != tconst, r
    assert basics_types.get(parent) in (None, "tvSeries", "tvMiniSeries"), r
    assert season is None or (isinstance(season, int) and season > 0), r
    assert episode is None or (isinstance(episode, int) and episode > 0), r


def write_tsv_gz(path, header, rows):
    buf = io.StringIO(newline="")
    buf.write("\t".join(header) + "\n")
    for row in rows:
        buf.write("\t".join(cell(v) for v in row) + "\n")
    data = buf.getvalue().encode("utf-8")
    with open(path, "wb") as raw:
        # filename="" and mtime=0: no name/time in the gzip header -> reproducible
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
            gz.write(data)


def main():
    here = os.path.dirname(os.path.abspath(__file__))

    basics = sorted(BASICS, key=lambda r: r[0])   # IMDb order: plain string order
    ratings = sorted(RATINGS, key=lambda r: r[0])
    for r in basics:
        check_basics(r)
    for r in ratings:
        check_rating(r)
    assert len({r[0] for r in basics}) == len(basics), "duplicate tconst in basics"
    assert len({r[0] for r in ratings}) == len(ratings), "duplicate tconst in ratings"
    episodes = sorted(EPISODES, key=lambda r: r[0])
    types = {r[0]: r[1] for r in basics}
    for r in episodes:
        check_episode(r, types)
    assert len({r[0] for r in episodes}) == len(episodes), "duplicate tconst in episodes"
    assert {r[0] for r in episodes} == {t for t, ty in types.items() if ty == "tvEpisode"}, \
        "every tvEpisode has one title.episode row"

    write_tsv_gz(os.path.join(here, "title.basics.tsv.gz"),
                 ["tconst", "titleType", "primaryTitle", "originalTitle", "isAdult",
                  "startYear", "endYear", "runtimeMinutes", "genres"], basics)
    write_tsv_gz(os.path.join(here, "title.ratings.tsv.gz"),
                 ["tconst", "averageRating", "numVotes"],
                 [(t, "%.1f" % a, v) for t, a, v in ratings])
    write_tsv_gz(os.path.join(here, "title.episode.tsv.gz"),
                 ["tconst", "parentTconst", "seasonNumber", "episodeNumber"], episodes)
    print("wrote %d basics rows, %d ratings rows, %d episode rows" % (len(basics), len(ratings), len(episodes)))


if __name__ == "__main__":
    main()
