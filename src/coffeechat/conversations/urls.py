from coffeechat.conversations.views import ENTITIES
from coffeechat.core.crud import entity_urls

app_name = "conversations"
urlpatterns = entity_urls(ENTITIES)
