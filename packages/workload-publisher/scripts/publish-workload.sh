# OpenChoreo External CI: publish IMAGE as the component's Workload (POST; on 409 GET, change the
# image and the provenance, PUT), recording where it came from in ci.openchoreo-ci.dev/* annotations.
# Needs sh, curl (7.55+) and jq (1.6+). Reads the environment:
#   OPENCHOREO_API_URL, OPENCHOREO_TOKEN_URL (or THUNDER_URL, the identity provider's base URL),
#   OPENCHOREO_CLIENT_ID, OPENCHOREO_CLIENT_SECRET,
#   OPENCHOREO_NAMESPACE (default: default), OPENCHOREO_PROJECT, OPENCHOREO_COMPONENT,
#   IMAGE (or OPENCHOREO_IMAGE), OPENCHOREO_WORKLOAD_NAME (default: <component>-workload);
#   the run's provenance from Jenkins, GitHub Actions or GitLab CI, each part overridable with
#   OPENCHOREO_CI_PLATFORM, OPENCHOREO_CI_PIPELINE, OPENCHOREO_CI_REPOSITORY,
#   OPENCHOREO_CI_RUN_NUMBER, OPENCHOREO_CI_RUN_URL, OPENCHOREO_COMMIT, OPENCHOREO_REF;
#   OPENCHOREO_MAX_ATTEMPTS (default 5), OPENCHOREO_RETRY_TIMEOUT (seconds, default 120).
# Exit codes: 0 published, 1 other, 2 bad input, 3 authentication or permission, 4 not found,
# 5 unavailable. The client secret and the token are never printed, nor put on a command line.
set +x
openchoreo_publish_workload() (
  set +e
  umask 077
  say() { printf '%s' "$*"; echo; }
  fail() { code=$1; shift; printf '%s' "Error: $*" >&2; echo >&2; exit "$code"; }
  for tool in curl jq; do
    command -v "$tool" >/dev/null 2>&1 || fail 2 "$tool is not installed on this runner: install it (apt-get install -y $tool, apk add $tool) or use an image that has it."
  done
  work=$(mktemp -d) || fail 1 "Cannot create a temporary directory (mktemp -d)."
  trap 'rm -rf "$work"' EXIT

  # The plan: every input checked, the provenance read from the CI's environment, the Workload.
  jq -n '
    def val($name): env[$name] // "" | sub("^[[:space:]]+"; "") | sub("[[:space:]]+$"; "");
    def from($name): {source: $name, value: val($name)};
    def firstOf($candidates): [$candidates[] | select(.value != "")] | .[0];
    def isUrl: test("^https?://[^[:space:]/?#]+[^[:space:]]*$") and (test("[[:cntrl:]]") | not) and length <= 2048;
    def isText: length <= 255 and (test("[[:cntrl:]]") | not);
    def isName($max): test("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$") and length <= $max;
    def rules: {
      platform: ["one of jenkins, github-actions, gitlab-ci, other", "^(jenkins|github-actions|gitlab-ci|other)$"],
      pipeline: ["text of at most 255 characters on one line", "text"],
      repository: ["text of at most 255 characters on one line", "text"],
      runNumber: ["a whole number (digits only)", "^[0-9]{1,19}$"],
      runUrl: ["an http(s) URL of at most 2048 characters", "url"],
      commit: ["a commit SHA of 7 to 64 hex digits", "^[0-9a-fA-F]{7,64}$"],
      ref: ["a branch or tag name of at most 255 characters on one line", "text"]};
    def isValid($field): rules[$field][1] as $rule
      | if $rule == "url" then isUrl elif $rule == "text" then isText else test($rule) end;
    def keyOf: {runNumber: "run-number", runUrl: "run-url"}[.] // . | "ci.openchoreo-ci.dev/" + .;
    def overrides: {pipeline: "OPENCHOREO_CI_PIPELINE", repository: "OPENCHOREO_CI_REPOSITORY",
      runNumber: "OPENCHOREO_CI_RUN_NUMBER", runUrl: "OPENCHOREO_CI_RUN_URL",
      commit: "OPENCHOREO_COMMIT", ref: "OPENCHOREO_REF"};

    (if val("OPENCHOREO_CI_PLATFORM") != "" then val("OPENCHOREO_CI_PLATFORM")
     elif val("GITHUB_ACTIONS") == "true" then "github-actions"
     elif val("GITLAB_CI") == "true" then "gitlab-ci"
     elif val("JENKINS_URL") != "" or val("JENKINS_HOME") != "" then "jenkins"
     else "" end) as $platform
    | {source: "GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID", value: (if val("GITHUB_RUN_ID") == "" then ""
        else val("GITHUB_SERVER_URL") + "/" + val("GITHUB_REPOSITORY") + "/actions/runs/" + val("GITHUB_RUN_ID")
          + (if val("GITHUB_RUN_ATTEMPT") | test("^([2-9]|[1-9][0-9]+)$") then "/attempts/" + val("GITHUB_RUN_ATTEMPT") else "" end) end)
      } as $githubRunUrl
    | ({jenkins: {pipeline: [from("JOB_NAME")], runNumber: [from("BUILD_NUMBER")], runUrl: [from("BUILD_URL")],
          commit: [from("GIT_COMMIT")], ref: [from("BRANCH_NAME"), from("GIT_BRANCH")] | map(.value |= sub("^(refs/heads/|origin/)"; ""))},
        "github-actions": {pipeline: [from("GITHUB_WORKFLOW")], repository: [from("GITHUB_REPOSITORY")],
          runNumber: [from("GITHUB_RUN_NUMBER")], runUrl: [$githubRunUrl], commit: [from("GITHUB_SHA")], ref: [from("GITHUB_REF_NAME")]},
        "gitlab-ci": {pipeline: [from("CI_PIPELINE_NAME"), from("CI_PROJECT_PATH")], repository: [from("CI_PROJECT_PATH")],
          runNumber: [from("CI_PIPELINE_IID"), from("CI_PIPELINE_ID")], runUrl: [from("CI_PIPELINE_URL"), from("CI_JOB_URL")],
          commit: [from("CI_COMMIT_SHA")], ref: [from("CI_COMMIT_REF_NAME")]}}[$platform] // {}) as $ci
    | ([{field: "platform", source: "OPENCHOREO_CI_PLATFORM", value: $platform}]
       + [overrides | keys_unsorted[] as $field | firstOf([from(overrides[$field])] + ($ci[$field] // []))
          | select(. != null) | {field: $field, source, value: (if $field == "commit" then .value | ascii_downcase else .value end)}]
       | map(select(.value != ""))) as $provenance
    | (if val("OPENCHOREO_TOKEN_URL") != "" then from("OPENCHOREO_TOKEN_URL")
       elif val("THUNDER_URL") != "" then {source: "THUNDER_URL", value: (val("THUNDER_URL") | sub("/+$"; "") + "/oauth2/token")}
       else {source: "OPENCHOREO_TOKEN_URL (or THUNDER_URL)", value: ""} end) as $tokenUrl
    | (val("OPENCHOREO_NAMESPACE") | if . == "" then "default" else . end) as $namespace
    | val("OPENCHOREO_PROJECT") as $project
    | val("OPENCHOREO_COMPONENT") as $component
    | (firstOf([from("OPENCHOREO_IMAGE"), from("IMAGE")]) // {value: ""}).value as $image
    | (val("OPENCHOREO_WORKLOAD_NAME") | if . == "" and $component != "" then $component + "-workload" else . end) as $workload
    | (val("OPENCHOREO_MAX_ATTEMPTS") | if . == "" then "5" else . end) as $attempts
    | (val("OPENCHOREO_RETRY_TIMEOUT") | if . == "" then "120" else . end) as $retryTimeout
    | ($provenance | map({key: (.field | keyOf), value}) | from_entries
        + {"ci.openchoreo-ci.dev/published-at": (now | todate), "ci.openchoreo-ci.dev/publisher": "publish-workload.sh"}) as $annotations
    | {
        problems: [
          (["OPENCHOREO_API_URL", "OPENCHOREO_PROJECT", "OPENCHOREO_COMPONENT", "OPENCHOREO_CLIENT_ID",
            "OPENCHOREO_CLIENT_SECRET"][] | select(val(.) == "") | . + " is required"),
          (if $tokenUrl.value == "" then $tokenUrl.source + " is required"
           elif $tokenUrl.value | isUrl | not then $tokenUrl.source + " " + ($tokenUrl.value | tojson) + " is not an http(s) URL"
           else empty end),
          (if $image == "" then "IMAGE (or OPENCHOREO_IMAGE) is required: the image reference the pipeline pushed"
           elif $image | test("[[:space:]]") then "IMAGE " + ($image | tojson) + " must not contain spaces" else empty end),
          (if val("OPENCHOREO_API_URL") != "" and (val("OPENCHOREO_API_URL") | isUrl | not)
           then "OPENCHOREO_API_URL " + (val("OPENCHOREO_API_URL") | tojson) + " is not an http(s) URL" else empty end),
          ({OPENCHOREO_NAMESPACE: $namespace, OPENCHOREO_PROJECT: $project, OPENCHOREO_COMPONENT: $component}
            | to_entries[] | select(.value != "" and (.value | isName(63) | not))
            | .key + " " + (.value | tojson) + " is not a valid name (lowercase letters, digits and -, at most 63 characters)"),
          (if $workload != "" and ($workload | test("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$") and length <= 253 | not)
           then "OPENCHOREO_WORKLOAD_NAME " + ($workload | tojson) + " is not a valid name" else empty end),
          (if $attempts | test("^[1-9][0-9]{0,2}$") | not
           then "OPENCHOREO_MAX_ATTEMPTS " + ($attempts | tojson) + " must be a whole number from 1 to 999" else empty end),
          (if $retryTimeout | test("^[0-9]{1,5}$") | not
           then "OPENCHOREO_RETRY_TIMEOUT " + ($retryTimeout | tojson) + " must be a whole number of seconds" else empty end),
          ($provenance[] | . as $p | select(.value | isValid($p.field) | not)
            | .source + " " + (.value | tojson) + " must be " + rules[.field][0]
              + (if .source | startswith("OPENCHOREO_") then "" else " (set " + overrides[.field] + " to override it)" end))
        ],
        apiRoot: (val("OPENCHOREO_API_URL") | sub("/+$"; "") | sub("/api/v1$"; "") | . + "/api/v1"),
        tokenUrl: $tokenUrl.value, clientId: val("OPENCHOREO_CLIENT_ID"),
        namespace: $namespace, project: $project, component: $component, image: $image, workloadName: $workload,
        retries: (($attempts | tonumber? // 1) - 1), retryTimeout: $retryTimeout, annotations: $annotations,
        provenanceText: ($annotations | to_entries | map((.key | ltrimstr("ci.openchoreo-ci.dev/")) + "=" + .value) | join(" ")),
        workload: {apiVersion: "openchoreo.dev/v1alpha1", kind: "Workload",
          metadata: {name: $workload, namespace: $namespace, annotations: $annotations},
          spec: {owner: {projectName: $project, componentName: $component}, container: {image: $image}}}
      }
  ' > "$work/plan.json" || fail 1 "jq could not read the inputs (jq 1.6 or later is needed)."
  # One jq run sets every shell variable of the plan (@sh quotes each value for the shell).
  eval "$(jq -r '"problems=" + (.problems | length | tostring), "api_root=" + (.apiRoot | @sh),
    "token_url=" + (.tokenUrl | @sh), "client_id=" + (.clientId | @sh), "namespace=" + (.namespace | @sh),
    "project=" + (.project | @sh), "component=" + (.component | @sh), "image=" + (.image | @sh),
    "workload=" + (.workloadName | @sh), "retries=" + (.retries | tostring),
    "retry_timeout=" + (.retryTimeout | @sh), "provenance=" + (.provenanceText | @sh)' "$work/plan.json")"
  if [ "$problems" != 0 ]; then
    say "Error: Cannot publish:" >&2
    jq -r '.problems[] | "  - " + .' "$work/plan.json" >&2
    exit 2
  fi
  curl_options="-sS --connect-timeout 10 --max-time 30 --retry $retries --retry-connrefused --retry-max-time $retry_timeout"
  # The server's error as one short phrase in parentheses, the client secret masked.
  summary() {
    jq -Rrs '(try fromjson catch null) as $json
      | (if ($json | type) == "object"
         then [$json.code, $json.error, $json.message, $json.error_description] | map(select(type == "string" and . != ""))
           | reduce .[] as $part ([]; if any(.[]; . == $part) then . else . + [$part] end) | join(": ")
         else "" end) as $parts
      | (if $parts != "" then $parts else sub("^[[:space:]]+"; "") | sub("[[:space:]]+$"; "") | .[0:200] end)
      | (env.OPENCHOREO_CLIENT_SECRET // "") as $secret
      | (if $secret != "" then split($secret) | join("***") else . end)
      | if . == "" then "" else "(" + . + ")" end' "$1" 2>/dev/null
  }

  say "Publishing image $image as workload $workload of component $namespace/$project/$component ($provenance)"
  jq -jn '"grant_type=client_credentials&client_id=" + (env.OPENCHOREO_CLIENT_ID | @uri) + "&client_secret=" + (env.OPENCHOREO_CLIENT_SECRET | @uri)' > "$work/form"
  status=$(curl $curl_options -o "$work/token.json" -w '%{http_code}' -X POST -H 'Content-Type: application/x-www-form-urlencoded' -H 'Accept: application/json' --data-binary "@$work/form" "$token_url")
  rm -f "$work/form"
  case $status in
    200) ;;
    000) fail 5 "Cannot reach the token URL $token_url: the identity provider is not reachable from the CI runner. Check OPENCHOREO_TOKEN_URL." ;;
    429|5??) fail 5 "The token URL $token_url answered $status $(summary "$work/token.json") after $((retries + 1)) attempt(s): the identity provider is unavailable, try again later." ;;
    *) fail 3 "The identity provider at $token_url refused the client credentials of client '$client_id' ($status $(summary "$work/token.json")): check OPENCHOREO_CLIENT_ID and OPENCHOREO_CLIENT_SECRET (the OAuth2 application created for External CI) and the token URL." ;;
  esac
  jq -r 'if (.access_token | type) == "string" and .access_token != "" then "Authorization: Bearer " + .access_token else empty end' "$work/token.json" > "$work/auth" 2>/dev/null
  rm -f "$work/token.json"
  [ -s "$work/auth" ] || fail 3 "The token URL $token_url answered 200 without an access_token: is it the identity provider's OAuth2 token endpoint (.../oauth2/token)?"
  say "Token: obtained from $token_url for client $client_id"

  # call METHOD URL [BODY-FILE]: prints the HTTP status (000: not reachable); the answer is in $work/answer.json.
  call() {
    if [ -n "${3:-}" ]; then
      curl $curl_options -o "$work/answer.json" -w '%{http_code}' -X "$1" -H "@$work/auth" -H 'Accept: application/json' -H 'Content-Type: application/json' --data-binary "@$3" "$2"
    else
      curl $curl_options -o "$work/answer.json" -w '%{http_code}' -X "$1" -H "@$work/auth" -H 'Accept: application/json' "$2"
    fi
  }
  # refused METHOD STATUS: exits with the error that says what to do.
  refused() {
    detail=$(summary "$work/answer.json")
    case $2 in
      000) fail 5 "Cannot reach the OpenChoreo API at $api_root: the API URL is not reachable from the CI runner. Check OPENCHOREO_API_URL and that firewalls let the runner reach the API." ;;
      429|5??) fail 5 "$1 of workload $workload answered $2 $detail after $((retries + 1)) attempt(s): OpenChoreo is unavailable, try again later." ;;
      401) fail 3 "The OpenChoreo API rejected the access token (401 $detail): check that OPENCHOREO_TOKEN_URL is the identity provider OpenChoreo is configured with." ;;
      403) fail 3 "The service account '$client_id' may not publish workloads in namespace '$namespace' (403 $detail): grant it a role that allows creating and updating Workloads in that namespace." ;;
    esac
    if [ "$1" = PUT ] && [ "$2" = 404 ]; then
      fail 4 "Workload '$workload' in namespace '$namespace' was reported as existing (409) but PUT answered 404 $detail: it was deleted meanwhile. Run the publish again, and check OPENCHOREO_WORKLOAD_NAME."
    fi
    if [ "$2" = 404 ] || { [ "$2" = 400 ] && grep -qi 'component not found' "$work/answer.json"; }; then
      fail 4 "Component '$component' of project '$project' in namespace '$namespace' does not exist ($1 answered $2 $detail): create it in the portal first (Create, External CI), and check that the namespace, project and component names match exactly."
    fi
    case $2 in
      400|422) fail 2 "The OpenChoreo API refused the Workload '$workload' ($1 $2 $detail): check IMAGE and the names." ;;
    esac
    fail 1 "$1 of Workload '$workload' failed: $2 $detail"
  }

  collection="$api_root/namespaces/$namespace/workloads"
  jq '.workload' "$work/plan.json" > "$work/workload.json"
  status=$(call POST "$collection" "$work/workload.json")
  say "POST $collection: $status"
  case $status in
    200|201) action=created ;;
    409)
      status=$(call GET "$collection/$workload")
      say "GET $collection/$workload: $status (workload $workload exists; changing its image and provenance)"
      [ "$status" = 200 ] || refused GET "$status"
      jq --slurpfile plan "$work/plan.json" '$plan[0] as $p | {
          apiVersion: (.apiVersion // "openchoreo.dev/v1alpha1"), kind: (.kind // "Workload"),
          metadata: ({name: .metadata.name, namespace: .metadata.namespace}
            + (if .metadata.labels then {labels: .metadata.labels} else {} end)
            + {annotations: ((.metadata.annotations // {} | with_entries(select(.key | startswith("ci.openchoreo-ci.dev/") | not))) + $p.annotations)}),
          spec: ((.spec // {}) | .container = ((.container // {}) + {image: $p.image}))}' "$work/answer.json" > "$work/replacement.json" || fail 1 "GET $collection/$workload did not answer a Workload."
      status=$(call PUT "$collection/$workload" "$work/replacement.json")
      say "PUT $collection/$workload: $status"
      case $status in 200|201) action=updated ;; *) refused PUT "$status" ;; esac
      ;;
    *) refused POST "$status" ;;
  esac
  say "Published: $action workload $workload in namespace $namespace with image $image"
)
openchoreo_publish_workload
