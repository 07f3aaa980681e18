/**
 * Names of SaaS and API vendors whose keys and tokens are opaque (no prefix a rule could match):
 * the vocabulary of the vendor-keyword proximity detector (`proximity.ts`), beside the provider
 * names read from the rule files. Lower case, written as the vendor spells its name in code
 * (`hubspot`, `coinapi`, `iexapis`), at least three characters. Plain English words that are
 * also vendor names (`box`, `square`, `segment`, `zoom`) are left out: near `key` or `id` they
 * mean something else far more often. Sources: public API directories and vendors' SDK docs,
 * e.g. https://github.com/public-apis/public-apis
 */
export const VENDOR_NAMES: readonly string[] = [
  // Data, finance and market APIs
  'adzuna', 'alphavantage', 'apilayer', 'bitfinex', 'bitmex', 'bitstamp', 'bittrex', 'binance', 'blockcypher', 'coinapi',
  'coinbase', 'coinlayer', 'coinmarketcap', 'coingecko', 'coinlib', 'cryptocompare', 'currencylayer', 'etherscan', 'bscscan', 'polygonscan',
  'exchangerate', 'finnhub', 'fmfw', 'huobi', 'iexapis', 'iexcloud', 'kraken', 'kucoin', 'marketstack', 'nomics',
  'okex', 'openexchangerates', 'plaid', 'polygonio', 'quandl', 'tiingo', 'twelvedata', 'tradier', 'intrinio', 'yodlee',
  'poloniex', 'bybit', 'gateio', 'bitget', 'deribit', 'infura', 'alchemy', 'moralis', 'chainalysis', 'bitquery',
  'blocknative', 'quicknode', 'nownodes', 'nodereal',   // Weather, maps, geo, travel
  'openweathermap', 'openweather', 'weatherstack', 'weatherapi', 'weatherbit', 'accuweather', 'darksky', 'climacell', 'tomorrowio',
  'mapbox', 'mapquest', 'tomtom', 'opencage', 'positionstack', 'ipstack', 'ipinfo', 'ipgeolocation', 'ipdata', 'ipapi',
  'abstractapi', 'geocodio', 'locationiq', 'maptiler', 'amadeus', 'skyscanner', 'aviationstack', 'flightaware', 'rapidapi', 'yelp',
  'foursquare', 'tripadvisor', 'ticketmaster', 'eventbrite', 'what3words', 'graphhopper', 'openroute', 'smartystreets', 'loqate',
  // Messaging, email, phone
  'mailgun', 'mailchimp', 'mandrill', 'mailjet', 'mailerlite', 'sendinblue', 'brevo', 'postmark', 'sparkpost', 'sendgrid', 'mailersend',
  'mailtrap', 'sendpulse', 'elasticemail', 'moosend', 'convertkit', 'getresponse', 'aweber', 'klaviyo', 'omnisend', 'customerio',
  'twilio', 'nexmo', 'vonage', 'plivo', 'sinch', 'messagebird', 'clicksend', 'telnyx', 'textmagic', 'msg91', 'kaleyra',
  'pusher', 'pubnub', 'onesignal', 'pushbullet', 'pushover', 'gotify', 'rocketchat',
  'gitter', 'chatwork', 'intercom', 'livechat', 'zendesk',
  'freshdesk', 'freshworks', 'helpscout', 'kayako', 'gorgias', 'frontapp', 'sendbird', 'streamchat', 'getstream', 'agora',
  'mailboxlayer', 'neverbounce', 'zerobounce', 'clearbit', 'fullcontact', 'lusha',
  // CRM, marketing, analytics
  'hubspot', 'salesforce', 'pipedrive', 'insightly', 'closeio', 'freshsales', 'infusionsoft',
  'activecampaign', 'marketo', 'braze', 'appboy', 'leanplum', 'urbanairship',
  'mixpanel', 'amplitude', 'heapanalytics', 'posthog', 'fullstory', 'hotjar', 'logrocket', 'smartlook', 'mouseflow',
  'kissmetrics', 'keenio', 'baremetrics', 'profitwell', 'optimizely', 'launchdarkly', 'splitio', 'flagsmith',
  'configcat', 'statsig', 'growthbook', 'rudderstack', 'mparticle', 'snowplow', 'matomo', 'piwik', 'countly',
  'appsflyer', 'branchio', 'kochava',   'soundcloud', 'deezer', 'lastfm', 'musixmatch', 'giphy', 'tenor',
  'unsplash', 'pexels', 'pixabay', 'flickr', 'imgur', 'cloudinary', 'imgix', 'uploadcare', 'filestack', 'transloadit', 'tinypng',
  'removebg', 'shutterstock', 'newsapi', 'gnews', 'mediastack', 'nytimes', 'omdb', 'tmdb',
  'themoviedb', 'tvdb', 'igdb', 'rawg', 'riotgames', 'bungie', 'battlenet', 'blizzard',   'wolframalpha', 'wordnik', 'oxforddictionaries', 'deepl', 'aliyun',
  'serpapi', 'scraperapi', 'scrapingbee', 'zenrows', 'browserless', 'apify', 'diffbot', 'algolia', 'typesense',
  'meilisearch', 'swiftype', 'bonsai', 'searchly',
  // Payments, commerce, accounting
  'stripe', 'braintree', 'paypal', 'adyen', 'mollie', 'razorpay', 'paystack', 'flutterwave', 'paddle', 'chargebee',
  'recurly', 'chargify', 'gocardless', 'klarna', 'afterpay', 'authorizenet', 'worldpay', 'payu', 'paytm', 'instamojo',
  'midtrans', 'xendit', 'mercadopago', 'pagseguro', 'dwolla', 'wepay', 'coinpayments', 'bitpay', 'opennode', 'shopify', 'bigcommerce',
  'woocommerce', 'magento', 'prestashop', 'ecwid', 'gumroad', 'lemonsqueezy', 'fastspring', 'quickbooks', 'xero', 'freshbooks',
  'avalara', 'taxjar', 'easypost', 'shippo', 'shipstation', 'shipengine', 'aftership', 'postmates', 'doordash',
  'printful', 'printify', 'transferwise', 'revolut', 'monzo', 'currencycloud',
  // Developer platforms, CI/CD, hosting
  'github', 'gitlab', 'bitbucket', 'gitea', 'sourcegraph', 'circleci', 'travisci', 'jenkins', 'buildkite',   'codeship', 'appveyor', 'bitrise', 'codemagic', 'teamcity', 'spinnaker', 'codecov',
  'coveralls', 'codeclimate', 'sonarcloud', 'sonarqube', 'snyk', 'deepsource', 'codacy', 'browserstack', 'saucelabs', 'lambdatest',
  'chromatic', 'applitools', 'heroku', 'netlify', 'vercel', 'railway', 'flyio', 'digitalocean',
  'linode', 'vultr', 'hetzner', 'scaleway', 'upcloud', 'cloudflare', 'fastly', 'akamai', 'bunnycdn', 'keycdn', 'stackpath',
  'backblaze', 'wasabi', 'dropbox', 'pcloud', 'firebase', 'supabase', 'appwrite', 'backendless', 'kinvey',
  'hasura', 'fauna', 'faunadb', 'planetscale', 'cockroachdb', 'mongodb', 'redislabs', 'upstash',
  'aiven', 'elephantsql', 'snowflake', 'databricks', 'bigquery', 'redshift', 'clickhouse', 'timescale', 'influxdb',
  'airtable', 'smartsheet', 'asana', 'trello', 'jira', 'confluence', 'atlassian', 'clickup', 'wrike',
  'basecamp', 'todoist', 'youtrack', 'miro', 'figma', 'canva', 'invision', 'zeplin',
  'loom', 'calendly', 'typeform', 'jotform', 'surveymonkey', 'qualtrics', 'formstack', 'wufoo', 'docusign',
  'hellosign', 'pandadoc', 'adobesign', 'contentful', 'strapi', 'prismic', 'storyblok', 'datocms', 'wordpress',
  'contentstack', 'buttercms', 'cosmicjs', 'kontent', 'hygraph', 'graphcms', 'dropboxsign', 'zapier', 'ifttt',
  'integromat', 'pipedream', 'workato', 'n8n', 'retool', 'webflow', 'squarespace', 'unbounce',
  'auth0', 'okta', 'onelogin', 'pingidentity', 'fusionauth', 'clerk', 'stytch', 'magiclink', 'descope', 'keycloak',
  'cognito', 'frontegg', 'workos', 'yubico', 'lastpass', 'bitwarden', 'dashlane', 'onepassword', 'doppler',
  'infisical', 'hashicorp', 'terraform', 'pulumi', 'ansible', 'docker', 'dockerhub', 'jfrog',
  'artifactory', 'cloudsmith', 'packagecloud', 'gemfury', 'pypi', 'rubygems', 'nuget', 'cocoapods',   'appcenter', 'testflight', 'fastlane', 'revenuecat', 'adapty', 'qonversion',
  // Observability, security, ops
  'datadog', 'newrelic', 'sentry', 'bugsnag', 'rollbar', 'raygun', 'honeybadger', 'airbrake', 'instabug', 'crashlytics', 'logdna',
  'mezmo', 'loggly', 'papertrail', 'sumologic', 'splunk', 'logzio', 'sematext', 'coralogix', 'honeycomb', 'lightstep', 'dynatrace',
  'appdynamics', 'instana', 'grafana', 'prometheus', 'signalfx', 'wavefront', 'chronosphere', 'pagerduty', 'opsgenie',
  'victorops', 'splunkoncall', 'statuspage', 'statuscake', 'pingdom', 'uptimerobot', 'betteruptime', 'checkly', 'cronitor',
  'healthchecks', 'runscope', 'site24x7', 'logtail', 'shodan', 'censys', 'virustotal', 'urlscan', 'hibp',
  'haveibeenpwned', 'securitytrails', 'greynoise', 'abuseipdb', 'alienvault', 'threatconnect', 'recordedfuture', 'hackerone',
  'bugcrowd', 'crowdstrike', 'sentinelone', 'qualys', 'rapid7', 'lacework', 'detectify',   'recaptcha', 'hcaptcha', 'arkose', 'maxmind', 'fingerprintjs', 'seon', 'onfido', 'jumio', 'veriff',
  'sumsub', 'trulioo', 'finicity', 'truelayer', 'yapily', 'nordigen',   // AI and ML
  'openai', 'anthropic', 'cohere', 'huggingface', 'mistral', 'groq', 'perplexity', 'togetherai',
  'deepinfra', 'anyscale', 'octoai', 'runpod', 'baseten', 'stabilityai',
  'midjourney', 'elevenlabs', 'assemblyai', 'deepgram', 'speechmatics', 'gladia', 'clarifai', 'roboflow',
  'wandb', 'weightsandbiases', 'mlflow', 'pinecone', 'weaviate', 'qdrant', 'milvus', 'zilliz',
  'langchain', 'langsmith', 'langfuse', 'helicone', 'portkey', 'openrouter',   'llamaindex', 'llamacloud', 'tavily', 'serper', 'writesonic', 'copyai',   'ai21', 'nlpcloud', 'textrazor', 'meaningcloud', 'monkeylearn', 'dialogflow', 'witai', 'rasa', 'voiceflow',
  // Social and platform APIs (restored: their keys are common leaks)
  'facebook', 'twitter', 'linkedin', 'discord', 'telegram', 'spotify', 'youtube', 'reddit', 'instagram', 'pinterest', 'tiktok', 'twitch', 'snapchat', 'vimeo', 'zoho', 'pardot', 'mattermost', 'whatsapp', 'wechat', 'baidu', 'yandex', 'alibaba', 'tencent', 'kakao', 'naver', 'walmart', 'ebay', 'etsy', 'nasa', 'wolfram',
];
