#include "router/BuiltInKeywords.h"

#include <initializer_list>
#include <string_view>

namespace manifold::router {
namespace {

class KeywordList {
 public:
  KeywordList& add(Mode mode, float weight, std::initializer_list<std::string_view> texts,
                   std::string_view rule = "") {
    for (std::string_view text : texts) all.push_back(Keyword{text, mode, weight, rule});
    return *this;
  }
  std::vector<Keyword> all;
};

// The lists are data: one string after another, not one per line.
// clang-format off
void addCoder(KeywordList& k) {
  const Mode m = Mode::Coder;
  // Languages, runtimes, frameworks and tools nobody names outside code.
  k.add(m, 2.5f, {"python", "javascript", "typescript", "java", "kotlin", "rust", "golang", "c++",
                  "c#", "f#", "ruby", "php", "perl", "scala", "haskell", "elixir", "erlang",
                  "clojure", "lua", "dart", "sql", "mysql", "postgres", "postgresql", "sqlite",
                  "mongodb", "redis", "bash", "powershell", "zsh", "regex", "regexp", "html", "css",
                  "scss", "tailwind", "yaml", "react", "vue", "angular", "svelte", "nextjs",
                  "django", "flask", "fastapi", "laravel", "nodejs", "npm", "yarn", "pip", "numpy",
                  "pandas", "matplotlib", "scipy", "tensorflow", "pytorch", "sklearn", "jupyter",
                  "docker", "dockerfile", "kubernetes", "kubectl", "k8s", "terraform", "ansible",
                  "nginx", "gunicorn", "uwsgi", "git", "webpack", "vite", "eslint", "jest",
                  "pytest", "junit", "cypress", "selenium", "graphql", "grpc", "protobuf",
                  "sqlalchemy", "hibernate", "linq", "dotnet", "xcode", "flutter", "gradle",
                  "maven", "cmake", "makefile", "gcc", "clang", "llvm", "valgrind", "gdb", "wasm",
                  "webassembly", "jsx", "tsx", "json", "useeffect", "usestate", "uselayouteffect",
                  "async", "await", "stdout", "stderr", "localhost", "websocket", "cors", "jwt",
                  "crontab", "codable", "swiftui", "unittest", "mockito", "rspec", "vscode",
                  "github", "gitlab", "bitbucket", "jenkins", "s3", "ec2", "boto3", "firebase",
                  "supabase", "heroku", "vercel", "netlify", "oauth", "api", "apis", "sdk", "cli",
                  "repo", "stackoverflow", "pyspark", "dataframe", "dataframes", "ajax",
                  "fetch api", "node js", "next js", "vue js", "react native", "spring boot",
                  "ruby on rails", "scikit learn", "github actions", "visual studio"});
  k.add(m, 1.5f, {"swift", "go", "node", "express", "spring", "rails", "shell", "xml", "csv",
                  "linux", "ubuntu", "unix", "terminal", "aws", "azure", "gcp", "lambda",
                  "database", "backend", "frontend", "server", "helm", "ci", "pipeline", "android",
                  "ios", "arduino", "unity", "excel formula", "vba", "macro"});
  // Doing things to code.
  k.add(m, 3.0f, {"refactor", "refactoring", "debug", "debugging", "debugger", "compile",
                  "compiles", "compiler", "compiling", "programming", "source code", "code review",
                  "write a function", "write a script", "write a program", "unit test",
                  "unit tests", "time complexity", "space complexity", "type hints", "pull request",
                  "merge conflict", "memory leak", "race condition", "deadlock", "null pointer",
                  "syntax error", "list comprehension", "linked list", "binary search", "big o",
                  "pseudocode", "pseudo code", "code snippet", "boilerplate", "endpoint",
                  "endpoints", "rest api", "segfault", "segmentation fault", "core dumped",
                  "undefined reference", "exit code", "stack overflow", "oomkilled",
                  "crashloopbackoff", "bad gateway", "commit", "commits", "last commit",
                  "git stash", "cherry pick", "stash", "checkout", "program", "programs",
                  "lru cache", "hash map", "hashmap", "regular expression", "command line",
                  "environment variable", "environment variables", "dependency injection",
                  "design pattern"});
  k.add(m, 2.0f, {"code", "coding", "coder", "script", "scripts", "function", "functions",
                  "variable", "variables", "loop", "loops", "for loop", "while loop", "array",
                  "arrays", "recursion", "recursive", "algorithm", "algorithms", "bug", "bugs",
                  "implement", "deploy", "deployment", "snippet", "syntax", "exception",
                  "exceptions", "struct", "structs", "pointer", "pointers", "boolean",
                  "integer overflow", "callback", "callbacks", "closure", "closures",
                  "polymorphism", "inheritance", "interface", "constructor", "destructor", "method",
                  "methods", "class", "classes", "module", "modules", "import", "package json",
                  "library", "framework", "query", "queries", "schema", "migration", "migrations",
                  "container", "containers", "pod", "pods", "branch", "rebase", "merge",
                  "repository", "app", "webapp", "website", "web app", "crash", "crashes",
                  "crashing", "throws", "thrown", "stack", "heap", "mutex", "thread", "threads",
                  "goroutine", "goroutines", "enum", "typedef", "template", "generic", "generics",
                  "null", "undefined", "nan", "string", "strings", "integer", "parse", "parser",
                  "parsing", "serialize", "deserialize", "decorator", "iterator", "generator",
                  "yield", "lambda function", "scrape", "scraper", "scraping", "automate",
                  "optimise this query", "optimize this query", "index", "indexes", "programmer",
                  "developer", "developers", "dev", "ide", "plugin", "hook", "hooks", "component",
                  "components", "props", "state management", "css grid", "flexbox", "div", "dom",
                  "selector", "render function", "port this", "convert this code", "type error",
                  "runtime error", "compile error", "error message", "stack trace", "traceback",
                  "backtrace", "bugfix"});
  k.add(m, 1.0f, {"error", "errors", "fails", "failing", "bash script", "test", "tests", "build",
                  "install", "installed", "version", "config", "configuration", "file", "files",
                  "folder", "directory", "request", "response", "client", "memory", "cpu",
                  "performance", "optimise", "optimize", "fix", "returns", "return", "output",
                  "input", "print", "prints", "run", "running", "console", "log", "logs", "data",
                  "object", "objects", "list", "dictionary", "key", "value", "true", "false",
                  "tool", "automation", "explain what this does"});
  // Error and signal names that only appear in stack traces and logs.
  k.add(m, 4.0f, {"traceback most recent call last", "nullpointerexception", "typeerror",
                  "valueerror", "keyerror", "indexerror", "attributeerror", "syntaxerror",
                  "referenceerror", "importerror", "modulenotfounderror", "nameerror",
                  "zerodivisionerror", "runtimeerror", "jsondecodeerror",
                  "arrayindexoutofboundsexception", "illegalargumentexception",
                  "classnotfoundexception", "stackoverflowerror", "outofmemoryerror", "sigsegv",
                  "sigabrt", "panicked at", "exception in thread", "unwrap", "rust backtrace"},
        "stack_trace");
  // Other languages: the words for code and programs.
  k.add(m, 2.5f, {"funcion", "codigo", "programa", "programar", "depurar", "skript",
                  "programmieren", "quellcode", "fonction", "deboguer", "codice", "funzione",
                  "programmare", "erreur", "fehlermeldung"});
}

void addReasoner(KeywordList& k) {
  const Mode m = Mode::Reasoner;
  k.add(m, 3.5f, {"prove", "prove that", "proof", "proofs", "theorem", "lemma", "show that",
                  "by induction", "solve for", "integrate", "integral", "derivative",
                  "differentiate", "limit as", "eigenvalues", "eigenvalue", "determinant",
                  "probability", "probabilities", "expected value", "expected number",
                  "how many ways", "combinatorics", "permutations", "recurrence", "step by step",
                  "think through", "reason through", "reason it out", "think it through",
                  "walk me through", "rigorous", "syllogism", "premises", "logic puzzle", "puzzle",
                  "riddle", "brain teaser", "brainteaser", "sudoku", "game theory", "perfect play",
                  "knights and knaves", "always lies", "tells the truth", "always tell the truth",
                  "balance scale", "weighings", "break even", "compound annual growth",
                  "annual growth rate", "monthly payment", "binomial theorem", "quadratic",
                  "polynomial", "square root", "sqrt", "find x", "solve for x", "find the value",
                  "logarithm", "log2", "log10", "sum of", "even numbers", "odd numbers",
                  "numbers between", "digits", "factorial", "infinitely many", "irrational",
                  "angle between", "hypotenuse"});
  k.add(m, 2.5f, {"solve", "solves", "solving", "equation", "equations", "calculate", "calculation",
                  "calculations", "compute", "work out", "math", "maths", "mathematical",
                  "arithmetic", "algebra", "geometry", "trigonometry", "calculus", "statistics",
                  "logic", "logical", "logically", "valid argument", "argument valid", "conclude",
                  "deduce", "induction", "contradiction", "strategy", "strategies", "strategic",
                  "plan", "planning", "itinerary", "schedule", "scheduling", "sequence",
                  "prioritise", "prioritize", "prioritization", "roadmap", "milestones", "phased",
                  "trade offs", "tradeoffs", "trade off", "optimal", "minimal", "minimum",
                  "maximum", "fewest", "least", "maximise", "maximize", "minimise", "minimize",
                  "allocate", "budget of", "how much will i have", "compound interest",
                  "interest paid", "mortgage of", "perimeter", "area between", "circumference",
                  "radius", "triangle", "rectangle", "divisible", "remainder", "prime", "primes",
                  "integer solutions", "matrix", "vector", "odds", "percent", "percentage",
                  "coin flips", "dice", "cards", "chess", "opening", "fastest order",
                  "possible schedule", "tournament", "round table", "counterfeit", "knights",
                  "knaves", "second youngest", "oldest", "youngest", "angle", "plus", "minus",
                  "times", "divided by", "multiplied by", "financial sense", "should we", "runway",
                  "invest", "investment", "negotiate", "negotiating", "approach", "estimate",
                  "annual return", "growth rate", "cagr", "average speed", "mph", "km h",
                  "per hour"});
  k.add(m, 1.0f, {"trip", "budget", "weeks", "months", "years", "total", "split", "owes",
                  "how many", "how much", "minutes", "hours", "cost", "revenue", "profit", "margin",
                  "assumptions", "decide", "decision", "options", "risks", "priorities", "order",
                  "pattern", "older", "younger"});
  // Other languages.
  k.add(m, 3.0f, {"resuelve", "resolver", "ecuacion", "demuestra", "demostrar", "calcula",
                  "calcular", "probabilidad", "paso a paso", "demontre", "demontrer", "prouve",
                  "prouver", "calculer", "probabilite", "etape par etape", "berechne", "berechnen",
                  "beweise", "gleichung", "wahrscheinlichkeit", "rechenweg", "schritt fur schritt",
                  "moglichkeiten", "risolvi", "dimostra", "calcola", "equazione", "probabilita",
                  "passaggi", "quanto fa", "radice quadrata"});
  k.add(m, 1.5f, {"problema", "probleme", "aufgabe", "somme", "suma", "summe", "nombres", "numeros",
                  "zahlen", "edad", "anos"});
}

void addLive(KeywordList& k) {
  const Mode m = Mode::Live;
  k.add(m, 4.5f, {"weather", "forecast", "weather forecast", "news", "headlines", "breaking news",
                  "exchange rate", "exchange rates", "stock price", "share price", "stock market",
                  "tracking number", "track my", "track", "tracking", "parcel", "shipment",
                  "where is my", "where s my", "flight status", "latest news", "latest version",
                  "air quality", "live score", "final score", "standings", "league table",
                  "who won", "gas prices", "gold price", "price of gold", "bitcoin", "btc",
                  "ethereum", "eth", "dhl", "fedex", "usps", "ups", "royal mail", "bill of lading",
                  "container number", "traffic", "traffic jam", "quel temps", "temps fait il",
                  "che tempo"}, "");
  k.add(m, 3.0f, {"today", "tonight", "tomorrow", "yesterday", "last night", "this week",
                  "this weekend", "this morning", "this afternoon", "this evening", "this season",
                  "this year", "currently", "current", "latest", "recent", "recently", "right now",
                  "at the moment", "motorway", "highway", "freeway", "autobahn", "roadworks",
                  "road closure", "blocked", "congestion", "updates", "any updates", "update on",
                  "headline", "price", "prices", "stock", "stocks", "crypto", "nasdaq", "dow jones",
                  "ftse", "nikkei", "futures", "inflation rate", "interest rates", "mortgage rate",
                  "usd", "eur", "gbp", "jpy", "chf", "cny", "inr", "mxn", "yen", "dollar",
                  "dollars", "euro", "euros", "score", "scores", "fixtures", "playoffs",
                  "premier league", "champions league", "nba", "nfl", "mlb", "nhl", "f1",
                  "formula 1", "grand prix", "tour de france", "world cup", "rain", "raining",
                  "snow", "snowing", "temperature", "humidity", "sunset", "sunrise", "delays",
                  "delayed", "courier", "delivery", "arriving", "package", "order number",
                  "my order", "my package", "my flight", "outage", "down right now", "open today",
                  "opening hours", "release date", "come out", "leaks", "rumors", "announced",
                  "announcement", "election", "elections", "polls", "trending", "what happened",
                  "what s happening", "people saying", "developments", "strike", "warning",
                  "tsunami", "earthquake", "storm", "hurricane", "wildfire", "live", "now"});
  k.add(m, 1.5f, {"won", "win", "match", "game", "season", "goals", "leading", "flight", "flights",
                  "airport", "rate", "rates", "inflation", "market", "shares", "president",
                  "prime minister", "minister", "ceo", "sunny", "cold", "hot", "umbrella",
                  "how much is", "how much does", "cost", "status", "in stock", "shipping",
                  "container"});
  // Other languages.
  k.add(m, 4.0f, {"tiempo hace", "que tiempo", "clima", "noticias", "ultimas noticias",
                  "tipo de cambio", "cotizacion", "meteo", "previsions", "nouvelles",
                  "dernieres nouvelles", "actualites", "taux de change", "wetter", "nachrichten",
                  "wechselkurs", "borse", "sendungsverfolgung", "notizie", "cambio"});
  k.add(m, 3.0f, {"hoy", "ahora", "aujourd hui", "demain", "maintenant", "heute", "morgen", "jetzt",
                  "aktuell", "aktuelle", "oggi", "domani", "adesso", "precio", "prix", "preis",
                  "prezzo", "dolar", "steht der", "paquete", "colis", "paket", "pacco", "partido",
                  "spiel"});
}

void addFast(KeywordList& k) {
  const Mode m = Mode::Fast;
  k.add(m, 4.0f, {"hi", "hello", "hey", "hiya", "howdy", "good morning", "good afternoon",
                  "good evening", "good night", "thanks", "thank you", "thx", "ty",
                  "thank you so much", "bye", "goodbye", "see you", "how are you", "define",
                  "definition of", "meaning of", "synonym", "synonyms", "synonym for", "antonym",
                  "opposite of", "rhymes with", "how do you spell", "how to spell", "spell",
                  "plural of", "past tense", "capital of", "stand for", "stands for", "translate",
                  "how do you say", "how to say", "chemical symbol", "atomic number", "who wrote",
                  "who painted", "who invented", "who discovered", "what year", "quick question",
                  "quick q", "one sentence", "in one sentence", "one word", "tl dr"});
  k.add(m, 1.0f, {"what are"});
  k.add(m, 2.5f, {"what is", "what does", "who is", "who was", "when did", "when was", "where is",
                  "how many", "how tall", "how old", "how far", "how long is", "how big", "is a",
                  "is it", "does a", "which planet", "what language", "what currency",
                  "what s the difference between", "what is the difference between",
                  "difference between", "mean", "means", "meaning", "acronym", "abbreviation",
                  "boiling point", "freezing point", "convert", "in miles", "in km", "in kg",
                  "in pounds", "in inches", "in fahrenheit", "in celsius", "in kelvin", "ounces",
                  "ounce", "pound", "miles", "km", "centimeters", "inches", "inch", "feet",
                  "fahrenheit", "celsius", "kelvin", "into english", "in english", "to english",
                  "in french", "in spanish", "in german", "in italian", "in japanese", "to french",
                  "to spanish", "to german", "to italian", "to japanese", "japanese", "ok", "okay",
                  "cool", "nice", "great", "got it", "cheers", "you there", "yo", "lol", "haha",
                  "plural", "spelling", "rhyme", "opposite", "capital", "continents", "planet",
                  "planets"});
  // Other languages: greetings, "what is", "how do you say", "translate".
  k.add(m, 4.0f, {"hola", "buenos dias", "buenas", "gracias", "como estas", "que es",
                  "que significa", "como se dice", "traduce", "traducir", "traduccion", "bonjour",
                  "salut", "merci", "ca va", "qu est ce que", "que veut dire", "comment dit on",
                  "comment dire", "traduis", "traduire", "hallo", "guten morgen", "guten tag",
                  "danke", "wie geht s", "was ist", "was heisst", "was bedeutet", "wie sagt man",
                  "ubersetze", "ubersetzen", "ciao", "grazie", "buongiorno", "come si dice",
                  "cosa significa", "traduci", "cual es", "quel est", "quelle est", "auf deutsch",
                  "en ingles", "en anglais", "auf englisch", "en allemand", "en espagnol",
                  "en frances"});
}

void addSmart(KeywordList& k) {
  const Mode m = Mode::Smart;
  k.add(m, 4.0f, {"rewrite", "rephrase", "paraphrase", "reword", "proofread", "proof read",
                  "cover letter", "thank you note", "thank you message", "thank you email",
                  "eulogy", "limerick", "haiku", "sonnet", "poem", "poetry", "lyrics",
                  "short story", "essay", "press release", "summarize", "summarise",
                  "summarize this", "summary", "sum up", "tldr", "key points", "main points",
                  "key ideas", "key takeaways", "action items", "meeting notes",
                  "product description", "linkedin post", "blog post", "pros and cons",
                  "advantages and disadvantages", "for and against", "persuasive", "toast",
                  "speech", "wedding speech", "bio", "biography", "resume", "cv", "resume summary",
                  "weather permitting", "an email", "email to", "feedback on",
                  "sound more professional", "less passive aggressive", "more professional",
                  "shorter and friendlier"});
  k.add(m, 2.0f, {"email", "emails", "e mail"});
  k.add(m, 3.0f, {"letter", "write a", "write me a", "draft", "compose", "story", "novel",
                  "chapter", "fiction", "song", "caption", "tweet", "post", "article", "outline",
                  "explain", "explain how", "explain why", "explain the", "differences",
                  "main differences", "similarities", "describe", "analyze", "analyse", "analysis",
                  "compare", "comparison", "theme", "themes", "significance", "causes",
                  "main causes", "impact of", "history of", "opinion", "what do you think",
                  "do you think", "balanced", "advice", "how should i", "how do i tell",
                  "what should i", "what should i consider", "tips", "ideas", "name ideas",
                  "suggestions", "feedback", "review", "complaint", "apology", "invitation",
                  "declining", "respond to", "reply to", "message", "note", "slogan", "tagline",
                  "talk", "presentation", "interview", "interview questions", "job offer",
                  "job offers", "career", "coworker", "colleague", "boss", "landlord", "partner",
                  "friend", "relationship", "motivated", "motivation", "productivity", "plot",
                  "character", "characters", "book", "movie", "summarise this"});
  k.add(m, 1.5f, {"write", "help me write", "tell me about", "overview", "discuss", "argue",
                  "arguments", "good way", "why did", "why do", "why does", "why are", "why is",
                  "ways to", "consider", "choose", "choosing", "structure", "paragraph", "sentence",
                  "text", "wording", "tone", "polite", "politely", "formal", "informal", "friendly",
                  "professional", "marketing", "brand", "customers", "reviews", "team", "family",
                  "wedding", "birthday", "grandfather", "grandmother", "sister", "brother", "mom",
                  "dad", "feelings", "culture", "society", "social media", "philosophy", "history",
                  "economics", "politics", "ethics"});
  // Other languages.
  k.add(m, 3.5f, {"escribe", "escribir", "redacta", "correo", "carta", "resumen", "resumir",
                  "ensayo", "poema", "cuento", "redige", "rediger", "lettre",
                  "lettre de motivation", "courriel", "resume ce", "dissertation", "schreib",
                  "schreibe", "zusammenfassung", "fasse", "zusammen", "aufsatz", "gedicht",
                  "anschreiben", "scrivi", "lettera", "riassumi", "riassunto", "poesia", "racconto",
                  "tema"});
}

void addVision(KeywordList& k) {
  const Mode m = Mode::Vision;
  k.add(m, 3.0f, {"this picture", "this photo", "this image", "this screenshot", "this pic",
                  "the picture", "the photo", "the image", "the screenshot", "in the picture",
                  "in the photo", "in the image", "in this picture", "in this photo",
                  "in this image", "attached image", "attached photo", "attached picture",
                  "attached screenshot", "the attached", "screenshot", "what am i looking at",
                  "look at this", "what breed", "what species", "identify", "transcribe",
                  "read the text", "handwriting", "esta foto", "esta imagen", "cette photo",
                  "cette image", "dieses bild", "diesem bild", "questa foto", "questa immagine"});
  k.add(m, 1.5f, {"this", "these", "here", "here s", "what is this", "what s this", "is this",
                  "what car", "what plant", "what bird", "what font", "describe", "rate my",
                  "check my", "photo", "picture", "image", "chart", "graph", "slide", "label",
                  "receipt", "sign", "meme", "drew", "real"});
}

void addImage(KeywordList& k) {
  const Mode m = Mode::Image;
  k.add(m, 5.0f, {"draw", "draw me", "drawing of", "generate an image", "generate a picture",
                  "generate an illustration", "create an image", "create a picture",
                  "make an image", "make a picture", "make me an image", "make me a picture",
                  "an image of", "a picture of", "image of", "picture of", "illustration",
                  "illustrate", "concept art", "digital art", "pixel art", "oil painting",
                  "watercolor", "watercolour", "photorealistic", "hyperrealistic", "coloring page",
                  "colouring page", "remove the background", "remove background",
                  "background removal", "upscale", "upscaling", "red eye", "retouch", "colorize",
                  "colourize", "photoshop", "dall e", "midjourney", "stable diffusion", "dibuja",
                  "dibujar", "dibujo", "dessine", "dessiner", "zeichne", "zeichnen", "disegna",
                  "disegnare", "genera una imagen", "crea una imagen", "dame una imagen",
                  "genere une image", "cree une image", "erstelle ein bild", "generiere ein bild",
                  "una imagen", "une image", "ein bild", "un immagine"});
  k.add(m, 3.5f, {"drawing", "sketch", "sketch of", "paint", "paint me", "painting", "render",
                  "3d render", "logo", "icon", "app icon", "poster", "banner", "wallpaper",
                  "sticker", "profile picture", "avatar", "book cover", "album cover",
                  "t shirt design", "tattoo", "tattoo design", "artwork", "sprite", "clip art",
                  "cartoon", "anime", "comic", "portrait", "art nouveau", "art style",
                  "in the style of", "highly detailed", "golden hour", "cinematic", "painterly",
                  "dramatic lighting", "bokeh", "35mm", "visualize", "visualise", "16 9",
                  "aspect ratio", "photo of", "erase", "sharpen", "make it sharper", "sharper",
                  "recolor", "change the color", "selfie", "look like a", "make this photo",
                  "make this picture", "edit this photo", "edit this image", "background",
                  "lighting", "logotipo", "ilustracion", "imagen", "bild", "immagine",
                  "wallpaper of", "header image", "meme image", "product photos", "birthday hat",
                  "design a", "graphic"});
  k.add(m, 2.0f, {"generate", "create", "design", "make a", "make me", "render a", "style",
                  "realistic", "detailed", "minimalist", "pastel", "vibrant", "colors", "colours",
                  "scene", "landscape", "add a", "put a", "warmer", "brighter", "crop", "blur",
                  "sunset", "cute", "cozy", "fantasy", "medieval", "steampunk", "cyberpunk",
                  "solarpunk", "futuristic", "astronaut", "dragon", "unicorn", "card", "cover",
                  "map of", "4k", "8k", "image", "picture", "pic"});
  k.add(m, -2.0f, {"chart", "graph", "plot", "diagram of the code", "bar chart"});
}

// clang-format on

}  // namespace

const std::vector<Keyword>& builtInKeywords() {
  static const std::vector<Keyword> all = [] {
    KeywordList k;
    addCoder(k);
    addReasoner(k);
    addLive(k);
    addFast(k);
    addSmart(k);
    addVision(k);
    addImage(k);
    return k.all;
  }();
  return all;
}

}  // namespace manifold::router
