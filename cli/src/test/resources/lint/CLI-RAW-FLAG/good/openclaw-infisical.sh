#!/bin/bash
# OpenClaw exec provider for Infisical — JSON stdin/stdout protocol
INFISICAL_TOKEN="$(cat /etc/openclaw/infisical-token)"
INFISICAL_API_URL="https://infisical.example.com/api"
input=$(cat)
ids=$(echo "$input" | jq -r '.ids[]')
values="{}"; errors="{}"
while IFS= read -r id; do
value=$(/usr/bin/infisical secrets get "$id" \
--token="$INFISICAL_TOKEN" --plain --silent \
--domain "$INFISICAL_API_URL" 2>/dev/null)
if [ -n "$value" ]; then
values=$(echo "$values" | jq --arg k "$id" --arg v "$value" '. + {($k): $v}')
else
errors=$(echo "$errors" | jq --arg k "$id" '. + {($k): {"message": "not found or empty"}}')
fi
done <<< "$ids"
jq -n --argjson v "$values" --argjson e "$errors" \
'{"protocolVersion": 1, "values": $v} + (if ($e | length) > 0 then {"errors": $e} else {} end)'
