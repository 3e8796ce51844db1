#!/bin/sh
curl -s -X POST "$DOMAIN/api/v1/folders" \
  -H "Authorization: Bearer $TOKEN" \
  -H "Content-Type: application/json" \
  -d '{"workspaceId":"'"$PROJECT_ID"'","environment":"dev","path":"/","name":"navidrome"}'
